// /推进 <客户或商机> <阶段> [确认]: moves a deal. Entering 方案报价 passes the MOT gate; 确认
// records the missing facts as confirmed by the rep; 输单 needs a reason and a note.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { parseStage, type Stage } from '../domain/stages.ts';
import { createStageMoveService } from '../services/stage-move-service.ts';
import { PIPELINE_TEXT, renderMove } from '../text/pipeline-render.ts';

const CONFIRM = new Set(['确认', 'confirm']);

export interface StageArgs {
  query: string;
  to: Stage;
  confirm: boolean;
  lostReason?: string;
  note?: string;
}

/** Splits "<deal words…> <stage> [确认 | <reason> <note…>]"; the deal may contain spaces. */
export function parseStageArgs(tokens: string[]): StageArgs {
  const at = tokens.findIndex((t, i) => i > 0 && parseStage(t) !== null);
  if (at === -1) throw new UserError('bad_args', PIPELINE_TEXT.unknownStage(tokens.at(-1) ?? ''));
  const to = parseStage(tokens[at]!)!;
  const rest = tokens.slice(at + 1);
  const query = tokens.slice(0, at).join(' ');
  if (to === 'LOST') return { query, to, confirm: false, lostReason: rest[0], note: rest.slice(1).join(' ') || undefined };
  return { query, to, confirm: rest.some((t) => CONFIRM.has(t.toLowerCase())) };
}

export const stageCommand = defineCommand({
  name: '/推进',
  aliases: ['/stage'],
  description: '调整商机阶段：进入方案报价需过 MOT 关（预算范围、决策时间、关键决策人），输单需写原因',
  usage: PIPELINE_TEXT.stageUsage,
  args: z.array(z.string()).min(2),
  roles: ALL_ROLES,
  run({ user, args, services, afterReply }) {
    const parsed = parseStageArgs(args);
    const moves = createStageMoveService(services);
    const deal = moves.findDeal(user, parsed.query);
    const result = moves.move(user, deal, { ...parsed, source: 'chat' }, afterReply);
    const owner = services.store.users.get(deal.ownerId);
    return renderMove(result, services.rules.committed.stages, owner?.name ?? deal.ownerId);
  },
});
