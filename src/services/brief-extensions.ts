// Connects the morning brief to the SOP module without the brief importing it: today's
// learning cards for new hires.
import type { Services } from '../core/context.ts';
import { extendBriefs } from './brief-service.ts';
import { suggestedCardsForNewHire } from './sop/index.ts';

export function connectBriefs(services: Services): void {
  extendBriefs(services, {
    repSection(user, date, { dryRun }) {
      const cards = suggestedCardsForNewHire(services, user, date, { dryRun });
      return { markdown: cards.markdown, messages: cards.messages };
    },
  });
}
