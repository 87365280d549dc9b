// Drains the stored outbox through each channel: one shared mechanism for every platform.
// Transient failures back off exponentially with jitter; permanent ones are marked failed;
// per-recipient pacing keeps under platform limits (e.g. WeCom's 30 a minute per member).
import type { Logger } from '../logger.ts';
import type { Channel } from './channel.ts';
import type { ChannelName } from './message.ts';
import type { OutboxStore } from '../store/outbox-store.ts';

export interface Pacing {
  perMinute?: number;
  perHour?: number;
}

export interface DispatcherOptions {
  outbox: OutboxStore;
  logger: Logger;
  now?: () => number;
  /** Poll interval for scheduled retries. */
  pollMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Deterministic jitter in tests. */
  random?: () => number;
}

export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

export function createOutboxDispatcher(options: DispatcherOptions) {
  const { outbox, logger } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 500;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  const channels = new Map<ChannelName, Channel & { pacing?: Pacing }>();
  const running = new Map<ChannelName, Promise<void>>();
  const again = new Set<ChannelName>();
  let timer: NodeJS.Timeout | undefined;

  function pacedUntil(channel: Channel & { pacing?: Pacing }, recipient: string): number | null {
    const p = channel.pacing;
    if (!p) return null;
    const t = now();
    if (p.perMinute && outbox.sentToRecipientSince(channel.name, recipient, t - 60_000) >= p.perMinute) return t + 60_000 / p.perMinute;
    if (p.perHour && outbox.sentToRecipientSince(channel.name, recipient, t - 3_600_000) >= p.perHour) return t + 3_600_000 / p.perHour;
    return null;
  }

  async function drainOnce(name: ChannelName): Promise<void> {
    const channel = channels.get(name);
    if (!channel) return;
    for (;;) {
      const batch = outbox.due(name, 50);
      if (batch.length === 0) return;
      let progressed = false;
      for (const item of batch) {
        const paced = pacedUntil(channel, item.recipient);
        if (paced !== null) {
          outbox.defer(item.id, paced);
          continue;
        }
        if (!outbox.claim(item.id)) continue;
        progressed = true;
        let result;
        try {
          result = await channel.deliver(item.target, item.message);
        } catch (error) {
          result = { status: 'retry' as const, error: error instanceof Error ? error.message : String(error) };
        }
        const attempts = item.attempts + 1;
        if (result.status === 'sent') {
          outbox.markSent(item.id);
        } else if (result.status === 'failed' || attempts >= maxAttempts) {
          outbox.markFailed(item.id, result.error);
          logger.error({ channel: name, outboxId: item.id, attempts, error: result.error }, 'outbound message failed for good');
        } else {
          const delay = result.retryAfterMs ?? backoffDelay(attempts, baseDelay, maxDelay, random);
          outbox.reschedule(item.id, now() + delay, result.error);
          logger.warn({ channel: name, outboxId: item.id, attempts, retryInMs: delay, error: result.error }, 'outbound message will be retried');
        }
      }
      if (!progressed) return;
    }
  }

  function kick(name: ChannelName): Promise<void> {
    const current = running.get(name);
    if (current) {
      again.add(name);
      return current;
    }
    const run = (async () => {
      try {
        do {
          again.delete(name);
          await drainOnce(name);
        } while (again.has(name));
      } catch (error) {
        logger.error({ err: error, channel: name }, 'outbox drain failed');
      } finally {
        running.delete(name);
      }
    })();
    running.set(name, run);
    return run;
  }

  return {
    register(channel: Channel & { pacing?: Pacing }): void {
      channels.set(channel.name, channel);
    },
    /** Send what is due on a channel now (also called after every enqueue). */
    notify(name: ChannelName): Promise<void> {
      return kick(name);
    },
    /** Resolves once nothing is due (retries scheduled later are left for the timer). */
    async drain(name?: ChannelName): Promise<void> {
      const names = name ? [name] : [...channels.keys()];
      await Promise.all(names.map((n) => kick(n)));
    },
    start(): void {
      const reset = outbox.resetInFlight();
      if (reset) logger.info({ count: reset }, 'outbox: resuming messages interrupted mid-send');
      timer = setInterval(() => {
        for (const n of channels.keys()) void kick(n);
      }, pollMs);
      timer.unref();
      for (const n of channels.keys()) void kick(n);
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.all(running.values());
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
