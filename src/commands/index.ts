// The single command table. A new command is one file plus one line here.
import type { CommandSpec } from '../core/command.ts';
import { funnelCommand } from './funnel.ts';
import { reserveCommand } from './reserve.ts';
import { teamCommand } from './team.ts';
import { createHelpCommand } from './help.ts';
import { customerCommand } from './customer.ts';
import { feedbackCommand } from './feedback.ts';
import { cardsCommand } from './cards.ts';
import { cardStatsCommand } from './card-stats.ts';

export const COMMANDS: CommandSpec<any>[] = [];
COMMANDS.push(
  funnelCommand,
  reserveCommand,
  teamCommand,
  customerCommand,
  feedbackCommand,
  cardsCommand,
  cardStatsCommand,
  createHelpCommand(() => COMMANDS),
);
