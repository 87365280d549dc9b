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

  it('moves signals stored one row each (before 011) to their lines, in the order they were found', () => {
    const path = join(dir.path, 'signals-010.db');
    const old = new Database(path);
    migrate(old, loadMigrations().filter((m) => m.version <= 10));
    old.exec(`INSERT INTO users (id, name, role, updated_at) VALUES ('u1', '张伟', 'rep', 0);
      INSERT INTO customers (id, name, owner_id, updated_at) VALUES ('c1', '华康医疗', 'u1', 0);
      INSERT INTO conversations (id, msg_id, source, user_id, customer_id, sender, text, sent_at, created_at)
        VALUES (7, 'm7', 'console', 'u1', 'c1', 'u1', '预算批了，下月招标', 1000, 0), (8, 'm8', 'console', 'u1', NULL, 'u1', '太贵了', 2000, 0);
      INSERT INTO signals (id, conversation_id, user_id, customer_id, category, sentiment, term, confidence, quote, at) VALUES
        (40, 7, 'u1', 'c1', 'budget', 'positive', '预算', 0.9, '预算批了', 1000),
        (41, 7, 'u1', 'c1', 'tender', 'positive', '招标', 0.8, '下月招标', 1000),
        (42, 8, 'u1', NULL, 'price_objection', 'negative', '太贵', 0.9, '太贵了', 2000);`);
    old.close();

    const db = openDatabase(path);
    const rows = db.prepare('SELECT conversation_id, ord, category, quote FROM signals ORDER BY conversation_id, ord').all();
    expect(rows).toEqual([
      { conversation_id: 7, ord: 0, category: 'budget', quote: '预算批了' },
      { conversation_id: 7, ord: 1, category: 'tender', quote: '下月招标' },
      { conversation_id: 8, ord: 0, category: 'price_objection', quote: '太贵了' },
    ]);
    db.close();
  });

  it('keeps stored signals through the rebuild of 012, and still refuses an unknown sentiment', () => {
    const path = join(dir.path, 'signals-011.db');
    const old = new Database(path);
    migrate(old, loadMigrations().filter((m) => m.version <= 11));
    old.exec(`INSERT INTO users (id, name, role, updated_at) VALUES ('u1', '张伟', 'rep', 0);
      INSERT INTO conversations (id, msg_id, source, user_id, sender, text, sent_at, created_at) VALUES (3, 'm3', 'console', 'u1', 'u1', '没有预算，太贵了', 1000, 0);
      INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES
        (3, 0, 'budget', 'negative', '预算', 0.9, '没有预算'), (3, 1, 'price_objection', 'negative', '太贵', 0.8, '太贵了');`);
    old.close();

    const db = openDatabase(path);
    expect(db.prepare('SELECT conversation_id, ord, category, sentiment, term, confidence, quote FROM signals ORDER BY ord').all()).toEqual([
      { conversation_id: 3, ord: 0, category: 'budget', sentiment: 'negative', term: '预算', confidence: 0.9, quote: '没有预算' },
      { conversation_id: 3, ord: 1, category: 'price_objection', sentiment: 'negative', term: '太贵', confidence: 0.8, quote: '太贵了' },
    ]);
    const insert = db.prepare("INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES (3, 2, 'risk', ?, '暂缓', 0.5, '暂缓')");
    expect(() => insert.run('maybe')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('neutral')).not.toThrow();
    expect(() => db.prepare("INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES (99, 0, 'risk', 'neutral', 'x', 0.5, 'x')").run()).toThrow(/FOREIGN KEY/);
    // The check runs in place: no temporary B-tree per row (what made bulk imports slow).
    const program = db.prepare("EXPLAIN INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES (3, 3, 'risk', ?, 'x', 0.5, 'x')").all('neutral') as { opcode: string }[];
    expect(program.map((op) => op.opcode)).not.toContain('OpenEphemeral');
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
