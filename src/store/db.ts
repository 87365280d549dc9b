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

/** WAL pages between automatic checkpoints during a bulk import (~100 MB with 4 KB pages). */
const BULK_AUTOCHECKPOINT_PAGES = 25_600;
/** Page cache during a bulk import, in KiB (SQLite's negative cache_size): 256 MB. */
const BULK_CACHE_KIB = 262_144;

/**
 * Bulk imports (`sales-radar import`): checkpoint the WAL every ~100 MB instead of SQLite's
 * default ~4 MB. A batch of 20,000 lines dirties index pages all over the rep and customer
 * indexes, so with the default every commit copies those pages into the database file again;
 * with a larger WAL a page rewritten by many batches is copied once. The page cache grows too:
 * a batch dirties more index pages than the everyday 64 MB hold, and SQLite writes dirty pages
 * out mid-transaction when the cache is full (then again at commit). Foreign keys are not checked
 * on this connection meanwhile: every rep and customer id an import writes was just read from the
 * store, and users and customers are never deleted, so the checks (a parent index seek per id,
 * an eighth of a line's storage cost) would only find what the import already knows. Returns the
 * function that restores the settings and checkpoints what the import wrote.
 */
export function beginBulkWrites(db: Db): () => void {
  const previousPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  const previousForeignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${BULK_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  db.pragma('foreign_keys = OFF');
  return () => {
    db.pragma(`wal_autocheckpoint = ${previousPages}`);
    db.pragma(`cache_size = ${previousCache}`);
    db.pragma(`foreign_keys = ${previousForeignKeys ? 'ON' : 'OFF'}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  };
}
