// The single command table. A new command is one file plus one line here.
import type { CommandSpec } from '../core/command.ts';
import { funnelCommand } from './funnel.ts';
import { reserveCommand } from './reserve.ts';
import { teamCommand } from './team.ts';
import { createHelpCommand } from './help.ts';
import { recordCommand } from './record.ts';
import { bindCommand } from './bind.ts';
import { attributeCommand } from './attribute.ts';
import { briefCommand } from './brief.ts';

export const COMMANDS: CommandSpec<any>[] = [];
COMMANDS.push(
  funnelCommand,
  reserveCommand,
  teamCommand,
  recordCommand,
  bindCommand,
  attributeCommand,
  briefCommand,
  createHelpCommand(() => COMMANDS),
);
