// The one entry for every inbound message and the one error boundary: dedup → resolve user →
// command or conversation → reply into the outbox. Channels call accept() before they
// acknowledge the platform, then process().
import type { CommandSpec } from './command.ts';
import type { CommandContext, Later, Services } from './context.ts';
import { UserError } from './errors.ts';
import { createQuestionMatcher, editDistance, parseCommand, type ParsedCommand } from './command-parser.ts';
import { replyList, text, type InboundMessage, type OutboundMessage, type Reply } from './message.ts';
import type { Role, User } from '../domain/types.ts';
import { TEXT } from '../text/messages.ts';

/** Handles a message that is not a command (conversation ingest comes with the insight issue). */
export type ConversationHandler = (ctx: Omit<CommandContext<null>, 'args' | 'rest'>) => Promise<Reply> | Reply;

export interface RouterOptions {
  services: Services;
  commands: CommandSpec<any>[];
  onConversation?: ConversationHandler;
  /** Called after replies are queued, so the outbox can send at once. */
  onQueued?: (channel: InboundMessage['channel']) => void;
  /** Unknown senders: channels may want to do something else (e.g. WeCom contact lookup). */
  resolveUser?: (message: InboundMessage) => User | null;
}

export interface CommandTable {
  find(name: string): CommandSpec<any> | undefined;
  suggest(name: string): CommandSpec<any> | undefined;
  /** The command a slash-less question to the bot asks for (我的漏斗怎么样？ → /我的漏斗), if any. */
  asked(text: string, role?: Role): ParsedCommand | null;
  list(): CommandSpec<any>[];
}

export function createCommandTable(commands: CommandSpec<any>[]): CommandTable {
  const byName = new Map<string, CommandSpec<any>>();
  const byTopic = new Map<string, CommandSpec<any>>();
  for (const c of commands) {
    for (const n of [c.name, ...c.aliases]) {
      const key = n.toLowerCase();
      if (byName.has(key)) throw new Error(`Command name ${n} is registered twice`);
      byName.set(key, c);
    }
    for (const topic of [...(c.askedAbout ?? []), ...(c.askedAboutMine ?? [])]) {
      const key = topic.toLowerCase();
      if (byTopic.has(key)) throw new Error(`Question topic ${topic} is claimed twice`);
      byTopic.set(key, c);
    }
  }
  const askedTopic = createQuestionMatcher(
    commands.flatMap((c) => c.askedAbout ?? []),
    commands.flatMap((c) => c.askedAboutMine ?? []),
  );
  return {
    find: (name) => byName.get(name.toLowerCase()),
    suggest(name) {
      let best: CommandSpec<any> | undefined;
      let bestScore = Infinity;
      for (const [n, c] of byName) {
        if (c.hidden) continue;
        const d = editDistance(name.toLowerCase(), n);
        const score = d / Math.max(n.length, name.length);
        if (score < bestScore) {
          bestScore = score;
          best = c;
        }
      }
      return bestScore <= 0.6 ? best : undefined;
    },
    asked(text, role) {
      const topic = askedTopic(text);
      const spec = topic ? byTopic.get(topic.toLowerCase()) : undefined;
      if (!spec) return null;
      const leader = role === 'manager' || role === 'admin';
      return { name: leader && spec.askedByLeaders ? spec.askedByLeaders : spec.name, args: [], rest: '' };
    },
    list: () => commands,
  };
}

export function defaultResolveUser(services: Services, m: InboundMessage): User | null {
  const users = services.store.users;
  switch (m.channel) {
    case 'console':
      return users.get(m.senderId);
    case 'wecom':
      return users.findByWecomUserId(m.senderId);
    case 'dingtalk':
      return users.findByDingtalkStaffId(m.senderId);
  }
}

export function createRouter(options: RouterOptions) {
  const { services } = options;
  const { logger } = services;
  const table = createCommandTable(options.commands);
  const resolveUser = options.resolveUser ?? ((m: InboundMessage) => defaultResolveUser(services, m));

  async function runCommand(user: User, inbound: InboundMessage, afterReply: Later): Promise<Reply> {
    const parsed = parseCommand(inbound.text) ?? table.asked(inbound.text, user.role);
    if (!parsed) {
      if (!options.onConversation) return text(TEXT.notACommand);
      return options.onConversation({ user, inbound, services, afterReply });
    }
    const spec = table.find(parsed.name);
    if (!spec) {
      const near = table.suggest(parsed.name);
      return text(near ? TEXT.unknownCommandSuggest(parsed.name, near.name) : TEXT.unknownCommand(parsed.name));
    }
    if (!spec.roles.includes(user.role)) return text(TEXT.forbidden(spec.name));
    const args = spec.args.safeParse(parsed.args);
    if (!args.success) return text(TEXT.badArgs(spec.name, spec.usage));
    return spec.run({ user, args: args.data, rest: parsed.rest, inbound, services, afterReply });
  }

  function queue(inbound: InboundMessage, user: User | null, reply: Reply): number {
    const target = { ...inbound.replyTarget, ...(user ? { userId: user.id } : {}) };
    let n = 0;
    for (const message of replyList(reply)) {
      services.store.outbox.enqueue(target, message);
      n += 1;
    }
    if (n) options.onQueued?.(inbound.channel);
    return n;
  }

  return {
    table,

    /** Persist before acknowledging. Returns false for a message already seen (redelivery). */
    accept(inbound: InboundMessage): boolean {
      const isNew = services.store.inbox.insertIfNew(inbound);
      if (!isNew) logger.info({ channel: inbound.channel, msgId: inbound.id }, 'duplicate delivery ignored');
      return isNew;
    },

    /** Runs the message and queues its reply. Never throws: this is the error boundary. */
    async process(inbound: InboundMessage): Promise<OutboundMessage[]> {
      let user: User | null = null;
      let reply: Reply;
      const afterReply: (() => void)[] = [];
      try {
        if (inbound.conversation.kind === 'group' && !inbound.mentionsBot) {
          services.store.inbox.markProcessed(inbound);
          return [];
        }
        user = resolveUser(inbound);
        if (!user) {
          logger.warn({ channel: inbound.channel, sender: inbound.senderId, msgId: inbound.id }, 'message from unknown user');
          reply = text(TEXT.unknownUser(inbound.channel, inbound.senderId));
        } else if (!user.active) {
          reply = text(TEXT.inactiveUser);
        } else {
          reply = await runCommand(user, inbound, (work) => afterReply.push(work));
        }
        services.store.inbox.markProcessed(inbound);
      } catch (error) {
        if (error instanceof UserError) {
          reply = text(error.userMessage);
          services.store.inbox.markProcessed(inbound);
        } else {
          logger.error({ err: error, channel: inbound.channel, msgId: inbound.id }, 'handler failed');
          reply = text(TEXT.internalError);
          services.store.inbox.markFailed(inbound, error instanceof Error ? error.message : String(error));
        }
      }
      try {
        queue(inbound, user, reply);
      } catch (error) {
        logger.error({ err: error, msgId: inbound.id }, 'could not queue reply');
      }
      for (const work of afterReply) {
        try {
          work();
        } catch (error) {
          logger.error({ err: error, msgId: inbound.id }, 'work after the reply failed');
        }
      }
      return replyList(reply);
    },

    /** accept + process, for channels with nothing to acknowledge (console, tests). */
    async handleInbound(inbound: InboundMessage): Promise<OutboundMessage[] | null> {
      if (!this.accept(inbound)) return null;
      return this.process(inbound);
    },

    /**
     * After a restart: process what was acknowledged but never processed. A channel may own
     * the processing of its messages (e.g. WeCom events); `handlerFor` returns that handler.
     */
    async recover(handlerFor?: (m: InboundMessage) => ((m: InboundMessage) => Promise<unknown>) | undefined): Promise<number> {
      const pending = services.store.inbox.unprocessed();
      for (const m of pending) await (handlerFor?.(m) ?? ((x: InboundMessage) => this.process(x)))(m);
      if (pending.length) logger.info({ count: pending.length }, 'recovered unprocessed inbound messages');
      return pending.length;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
