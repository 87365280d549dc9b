// Connects the morning brief to the other modules without the brief importing them: the MOT
// checklist as the /推进 gate judges it, and today's learning cards for new hires.
import type { Services } from '../core/context.ts';
import { isOpenStage } from '../domain/stages.ts';
import { isKnown } from '../domain/pipeline/mot-gate.ts';
import { extendBriefs } from './brief-service.ts';
import { customerMotChecklist } from './mot-service.ts';
import { suggestedCardsForNewHire } from './sop/index.ts';

export function connectBriefs(services: Services): void {
  extendBriefs(services, {
    mot(customerId) {
      const deal = services.store.opportunities.listByCustomer(customerId).find((o) => isOpenStage(o.stage));
      const known = new Set(customerMotChecklist(services, customerId, deal?.id ?? null).checks.filter(isKnown).map((c) => c.fact));
      return { budget: known.has('budget'), timeline: known.has('timeline'), decisionMaker: known.has('decision_maker') };
    },
    repSection(user, date, { dryRun }) {
      const cards = suggestedCardsForNewHire(services, user, date, { dryRun });
      return { markdown: cards.markdown, messages: cards.messages };
    },
  });
}
