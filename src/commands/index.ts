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
import { stageCommand } from './stage.ts';
import { forecastCommand } from './forecast.ts';
import { bottleneckCommand } from './bottleneck.ts';
import { dealsCommand } from './deals.ts';
import { followUpCommand } from './follow-up.ts';
import { recordCommand } from './record.ts';
import { bindCommand } from './bind.ts';
import { attributeCommand } from './attribute.ts';
import { briefCommand } from './brief.ts';

export const COMMANDS: CommandSpec<any>[] = [];
COMMANDS.push(
  funnelCommand,
  reserveCommand,
  teamCommand,
  customerCommand,
  feedbackCommand,
  cardsCommand,
  cardStatsCommand,
  stageCommand,
  forecastCommand,
  bottleneckCommand,
  dealsCommand,
  followUpCommand,
  recordCommand,
  bindCommand,
  attributeCommand,
  briefCommand,
  createHelpCommand(() => COMMANDS),
);
