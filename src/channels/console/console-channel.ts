// The terminal as a channel: senders are our own user ids, replies are printed as plain text.
// Used by `npm start` without platform credentials, by `npm run demo`, and by tests.
import type { Channel, DeliveryResult } from '../../core/channel.ts';
import { toPlainText, type InboundMessage, type OutboundMessage, type ReplyTarget } from '../../core/message.ts';

export interface ConsoleDelivery {
  userId: string;
  message: OutboundMessage;
  text: string;
}

export interface ConsoleChannelOptions {
  /** Where rendered messages go; defaults to stdout. */
  write?: (delivery: ConsoleDelivery) => void;
}

export function renderForConsole(message: OutboundMessage): string {
  return toPlainText(message);
}

let sequence = 0;

/** Builds the inbound message a console user's typed line becomes. */
export function consoleInbound(userId: string, line: string, at = new Date()): InboundMessage {
  sequence += 1;
  return {
    id: `console-${at.getTime()}-${process.pid}-${sequence}`,
    channel: 'console',
    senderId: userId,
    text: line,
    conversation: { id: `console:${userId}`, kind: 'direct' },
    mentionsBot: true,
    receivedAt: at,
    replyTarget: { channel: 'console', userId, address: { userId } },
    contentType: 'text',
  };
}

export function createConsoleChannel(options: ConsoleChannelOptions = {}): Channel {
  const write =
    options.write ??
    ((d: ConsoleDelivery) => {
      process.stdout.write(`\n${d.text}\n\n`);
    });
  return {
    name: 'console',
    async start() {},
    async stop() {},
    async deliver(target: ReplyTarget, message: OutboundMessage): Promise<DeliveryResult> {
      write({ userId: target.address.userId ?? target.userId ?? '', message, text: renderForConsole(message) });
      return { status: 'sent' };
    },
    health: () => ({ status: 'ok' }),
    targetForUser: (user) => ({ channel: 'console', userId: user.id, address: { userId: user.id } }),
  };
}
