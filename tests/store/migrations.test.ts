import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaTooNewError, loadMigrations, migrate, openDatabase, schemaVersion } from '../../src/store/db.ts';
import { tempDir } from '../support/harness.ts';

describe('migrations', () => {
  const dir = tempDir();
  afterEach(() => undefined);

  it('creates a new database in WAL mode at the latest version', () => {
    const db = openDatabase(join(dir.path, 'fresh', 'radar.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(loadMigrations().at(-1)!.version);
    db.close();
  });

  it('upgrades an older database in place and keeps its rows', () => {
    const path = join(dir.path, 'old.db');
    const old = new Database(path);
    migrate(old, loadMigrations().slice(0, 1)); // a database written by the first release
    expect(schemaVersion(old)).toBe(1);
    old.prepare("INSERT INTO users (id, name, role, updated_at) VALUES ('u1', '张伟', 'rep', 0)").run();
    old.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(loadMigrations().at(-1)!.version);
    expect(db.prepare('SELECT name FROM users WHERE id = ?').get('u1')).toEqual({ name: '张伟' });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'signals'").get()).toBeTruthy();
    db.close();
  });

  it('refuses a database written by a newer release', () => {
    const path = join(dir.path, 'future.db');
    const future = new Database(path);
    future.pragma('user_version = 999');
    future.close();
    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer than this sales-radar supports/);
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(':memory:');
    const broken = [...loadMigrations().slice(0, 1), { version: 2, name: '002-broken', sql: 'CREATE TABLE x (a); SELECT * FROM nope;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
  });
});
