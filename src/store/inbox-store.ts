// Durable inbound log: a message is stored before the platform is acknowledged, and the
// unique (channel, platform_id) key makes redeliveries no-ops across restarts.
import type { Db } from './db.ts';
import type { InboundMessage } from '../core/message.ts';

interface InboxRow {
  id: number;
  payload: string;
}

export function serializeInbound(m: InboundMessage): string {
  return JSON.stringify(m);
}

export function deserializeInbound(payload: string): InboundMessage {
  const m = JSON.parse(payload) as InboundMessage & { receivedAt: string };
  return { ...m, receivedAt: new Date(m.receivedAt) };
}

export function createInboxStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO inbox (channel, platform_id, sender_id, payload, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(channel, platform_id) DO NOTHING`,
  );
  const mark = db.prepare('UPDATE inbox SET status = ?, error = ?, processed_at = ? WHERE channel = ? AND platform_id = ?');
  const unprocessed = db.prepare<[], InboxRow>("SELECT id, payload FROM inbox WHERE status = 'received' ORDER BY id");
  const statusOf = db.prepare<[string, string], { status: string }>('SELECT status FROM inbox WHERE channel = ? AND platform_id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM inbox');

  return {
    /** Stores the message; false when this (channel, id) was seen before. */
    insertIfNew(m: InboundMessage): boolean {
      return insert.run(m.channel, m.id, m.senderId, serializeInbound(m), now()).changes === 1;
    },
    markProcessed(m: Pick<InboundMessage, 'channel' | 'id'>): void {
      mark.run('processed', null, now(), m.channel, m.id);
    },
    markFailed(m: Pick<InboundMessage, 'channel' | 'id'>, error: string): void {
      mark.run('failed', error.slice(0, 2000), now(), m.channel, m.id);
    },
    /** Messages acknowledged but not processed (e.g. the process stopped in between). */
    unprocessed(): InboundMessage[] {
      return unprocessed.all().map((r) => deserializeInbound(r.payload));
    },
    status(channel: string, platformId: string): string | null {
      return statusOf.get(channel, platformId)?.status ?? null;
    },
    count: (): number => countAll.get()?.n ?? 0,
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;
