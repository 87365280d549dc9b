// What a command handler gets: the caller, parsed arguments, the inbound message and the
// application's services. Handlers return their reply; they never send.
import type { Logger } from '../logger.ts';
import type { Config } from '../config.ts';
import type { Rules } from '../domain/rules.ts';
import type { User } from '../domain/types.ts';
import type { Store } from '../store/index.ts';
import type { InboundMessage, OutboundMessage } from './message.ts';
import type { EventHub } from './events.ts';

export interface PushOptions {
  /** A second push with the same key is dropped (e.g. one brief per person per day). */
  dedupKey?: string;
  /** Hold the message until then (quiet hours). */
  notBefore?: number;
}

export interface Services {
  store: Store;
  rules: Rules;
  config: Config;
  logger: Logger;
  now: () => number;
  events: EventHub;
  /** Proactive message to a user on the channel they can be reached on. */
  push(user: User, message: OutboundMessage, options?: PushOptions): boolean;
}

export interface CommandContext<A = unknown> {
  user: User;
  args: A;
  /** Free text after the command name. */
  rest: string;
  inbound: InboundMessage;
  services: Services;
  /**
   * Runs `work` once the reply is queued (the router sets it): what a handler sets off in passing,
   * such as coaching cards for the signals of a recorded line, then reaches the user after the
   * answer to what they sent. Without it (a handler called directly) the work runs at once.
   */
  afterReply?: Later;
}

/** Runs work at some later point (after a reply), or at once (runNow). */
export type Later = (work: () => void) => void;
/** For callers without a reply to wait for. */
export const runNow: Later = (work) => work();
