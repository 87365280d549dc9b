// The shape of one slash command. Each lives in src/commands/<name>.ts and is listed once in
// src/commands/index.ts.
import type { z } from 'zod';
import type { Role } from '../domain/types.ts';
import type { CommandContext } from './context.ts';
import type { Reply } from './message.ts';

export interface CommandSpec<A = unknown> {
  /** Chinese name, with slash: '/我的漏斗'. */
  name: string;
  /** English and other aliases: ['/funnel']. */
  aliases: string[];
  /** One line for /帮助. */
  description: string;
  /** Argument hint shown in help and on bad arguments, e.g. '[团队名]'. */
  usage?: string;
  /** Validates the argument tokens. */
  args: z.ZodType<A>;
  /** Who may run it. */
  roles: readonly Role[];
  /** Hidden from /帮助 (still runnable). */
  hidden?: boolean;
  /**
   * Topics a question to the bot names without the slash (漏斗 → 我的漏斗怎么样？, 帮我看下漏斗):
   * such a line runs the command with no arguments instead of being recorded as a conversation.
   * Product words only (漏斗, 商机储备); see askedAboutMine for everyday ones.
   */
  askedAbout?: string[];
  /** Everyday topic words (简报, 储备): a question only after 我的 / 今天的 / 帮我看看, or alone. */
  askedAboutMine?: string[];
  /** The command managers and admins get for the same question (储备够吗 → the team view). */
  askedByLeaders?: string;
  run(ctx: CommandContext<A>): Promise<Reply> | Reply;
}

export const ALL_ROLES = ['rep', 'manager', 'admin'] as const;
export const LEADERS = ['manager', 'admin'] as const;

/** Identity helper that keeps the argument type of each command. */
export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}
