import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beginBulkWrites, openDatabase } from '../../src/store/db.ts';
import { tempDir } from '../support/harness.ts';

describe('bulk writes (sales-radar import)', () => {
  const dir = tempDir();

  it('keeps the import in the WAL, then hands every row to the database file and empties the WAL', () => {
    const path = join(dir.path, 'bulk.db');
    const db = openDatabase(path);
    const defaultPages = db.pragma('wal_autocheckpoint', { simple: true });
    const defaultCache = db.pragma('cache_size', { simple: true });
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const end = beginBulkWrites(db);
    expect(db.pragma('cache_size', { simple: true })).toBeLessThan(defaultCache as number); // negative KiB: a larger cache
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    // ~8 MB: past SQLite's default checkpoint threshold (~4 MB), far below the bulk one.
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run('预算'.repeat(1_000) + i);
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    end();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(defaultPages);
    expect(db.pragma('cache_size', { simple: true })).toBe(defaultCache);
    expect(statSync(`${path}-wal`).size).toBe(0);
    db.close();
    const reopened = openDatabase(path);
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2_000 });
    reopened.close();
  });

  it('checks no foreign keys while the import runs, and checks them again afterwards', () => {
    const db = openDatabase(join(dir.path, 'fk.db'));
    const insert = db.prepare("INSERT INTO conversations (msg_id, source, user_id, customer_id, sender, text, sent_at, created_at) VALUES (?, 'test', 'no-such-rep', NULL, 'x', '预算', 1, 1)");
    expect(() => insert.run('before')).toThrow(/FOREIGN KEY/);
    const end = beginBulkWrites(db);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(0);
    end();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => insert.run('after')).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

