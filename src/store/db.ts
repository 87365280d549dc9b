// Opens the SQLite file (WAL) and applies numbered migrations from ./migrations in order.
// The schema version lives in PRAGMA user_version; a database newer than this code is refused.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

export class SchemaTooNewError extends Error {
  constructor(found: number, supported: number) {
    super(
      `Database schema version ${found} is newer than this sales-radar supports (${supported}). ` +
        'Upgrade sales-radar, or point DATABASE_PATH at another file.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current version, each in its own transaction. */
export function migrate(db: Db, migrations = loadMigrations()): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new SchemaTooNewError(from, latest);
  for (const m of migrations) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}

export function openDatabase(path: string, migrations?: Migration[]): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB page cache: ingest writes to several time-ordered indexes at once; the 2 MB default thrashes.
  db.pragma('cache_size = -65536');
  migrate(db, migrations);
  return db;
}
