// The contract every platform adapter fulfils. Channels own their transport (HTTP route,
// WebSocket, terminal); the core only hands them rendered-neutral messages to deliver.
import type { ChannelName, InboundMessage, OutboundMessage, ReplyTarget } from './message.ts';

/** What a channel says about one delivery attempt; the outbox decides what happens next. */
export type DeliveryResult =
  | { status: 'sent' }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'failed'; error: string };

export interface ChannelHealth {
  status: 'ok' | 'degraded' | 'down';
  detail?: string;
}

export interface Channel {
  readonly name: ChannelName;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Render and deliver one message. Must not throw for platform errors: return a result. */
  deliver(target: ReplyTarget, message: OutboundMessage): Promise<DeliveryResult>;
  health(): ChannelHealth;
  /** Processes one accepted inbound message, when the channel does more than router.process (recovery uses it). */
  handle?(inbound: InboundMessage): Promise<void>;
  /** Where a proactive push to this user goes on this channel, or null if unreachable. */
  targetForUser?(user: { id: string; wecomUserId: string | null; dingtalkStaffId: string | null }): ReplyTarget | null;
}
