// Durable outbound queue shared by every channel: rows live here until the platform accepts
// them or they fail for good, so a restart resumes where it stopped.
import type { Db } from './db.ts';
import type { ChannelName, OutboundMessage, ReplyTarget } from '../core/message.ts';

export interface OutboxItem {
  id: number;
  channel: ChannelName;
  recipient: string;
  target: ReplyTarget;
  message: OutboundMessage;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

interface OutboxRow {
  id: number;
  channel: ChannelName;
  recipient: string;
  target: string;
  message: string;
  status: OutboxItem['status'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  channel: r.channel,
  recipient: r.recipient,
  target: JSON.parse(r.target) as ReplyTarget,
  message: JSON.parse(r.message) as OutboundMessage,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** A stable recipient key for pacing: our user id when known, else the channel address. */
export function recipientKey(target: ReplyTarget): string {
  return target.userId ?? Object.values(target.address).join('|');
}

export function createOutboxStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO outbox (channel, recipient, target, message, next_attempt_at, dedup_key, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING`,
  );
  const due = db.prepare<[string, number, number], OutboxRow>(
    "SELECT * FROM outbox WHERE channel = ? AND status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
  );
  const claim = db.prepare("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'");
  const markSent = db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?");
  const markFailed = db.prepare("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?");
  const reschedule = db.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?");
  const defer = db.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = attempts - 1 WHERE id = ?");
  const resetSending = db.prepare("UPDATE outbox SET status = 'pending' WHERE status = 'sending'");
  const byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  const byStatus = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE status = ? ORDER BY id');
  const sentSince = db.prepare<[string, string, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM outbox WHERE channel = ? AND recipient = ? AND status = 'sent' AND sent_at >= ?",
  );
  const nextDue = db.prepare<[string], { t: number | null }>(
    "SELECT MIN(next_attempt_at) AS t FROM outbox WHERE channel = ? AND status = 'pending'",
  );

  return {
    /** Queues a message; with a dedup key, a second enqueue of the same key is ignored. */
    enqueue(target: ReplyTarget, message: OutboundMessage, options: { dedupKey?: string; notBefore?: number } = {}): number | null {
      const t = now();
      const r = insert.run(
        target.channel,
        recipientKey(target),
        JSON.stringify(target),
        JSON.stringify(message),
        options.notBefore ?? t,
        options.dedupKey ?? null,
        t,
      );
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    },
    due: (channel: ChannelName, limit = 50): OutboxItem[] => due.all(channel, now(), limit).map(toItem),
    claim: (id: number): boolean => claim.run(id).changes === 1,
    markSent: (id: number): void => void markSent.run(now(), id),
    markFailed: (id: number, error: string): void => void markFailed.run(error.slice(0, 2000), id),
    reschedule: (id: number, at: number, error: string): void => void reschedule.run(at, error.slice(0, 2000), id),
    /** Put back without counting an attempt (pacing, not failure). */
    defer: (id: number, at: number): void => void defer.run(at, id),
    /** After a crash, rows caught mid-send go back to pending. */
    resetInFlight: (): number => resetSending.run().changes,
    get: (id: number): OutboxItem | null => {
      const r = byId.get(id);
      return r ? toItem(r) : null;
    },
    list: (status: OutboxItem['status']): OutboxItem[] => byStatus.all(status).map(toItem),
    sentToRecipientSince: (channel: ChannelName, recipient: string, since: number): number =>
      sentSince.get(channel, recipient, since)?.n ?? 0,
    nextDueAt: (channel: ChannelName): number | null => nextDue.get(channel)?.t ?? null,
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
