// The SOP card module's entry points: registerSopModule (called once by createApp) loads the
// card library and subscribes to domain events; commands and jobs reach the same instance
// through sopModule(services); the morning brief calls suggestedCardsForNewHire.
import type { Services } from '../../core/context.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { User } from '../../domain/types.ts';
import { renderPushedCard, feedbackCommand } from '../../text/sop-render.ts';
import { loadCardLibrary, type CardLibrary } from './card-library.ts';
import { createSopService, type NewHireSuggestion, type SopService } from './sop-service.ts';

const modules = new WeakMap<Services, SopService>();

/** The module for these services, loading the card library on first use. */
export function sopModule(services: Services, library?: CardLibrary): SopService {
  let m = modules.get(services);
  if (!m) {
    const lib = library ?? loadCardLibrary(services.config.sop.cardsDir);
    for (const e of lib.errors) services.logger.warn({ file: e.file, reason: e.reason }, 'SOP card refused');
    services.logger.info({ dir: lib.dir, cards: lib.cards.length, refused: lib.errors.length }, 'SOP cards loaded');
    m = createSopService(services, lib);
    modules.set(services, m);
  }
  return m;
}

/** Loads the cards and wires the pushes on stage changes and fresh signals. */
export function registerSopModule(services: Services, library?: CardLibrary): SopService {
  const m = sopModule(services, library);
  services.events.on('stageChanged', (e) => m.onStageChanged(e));
  services.events.on('signalsExtracted', (e) => m.onSignalsExtracted(e));
  return m;
}

export interface NewHireCards {
  suggestions: NewHireSuggestion[];
  /** A section for the brief (markdown), empty when there is nothing to suggest. */
  markdown: string;
  /** The full cards with feedback buttons, to send after the brief. */
  messages: OutboundMessage[];
}

/**
 * For the morning brief: today's suggested cards for a new hire (hired within NEW_HIRE_DAYS),
 * marked as learning material. Pushes are recorded (once per user and day) unless dryRun.
 * Returns empty suggestions for anyone who is not a new hire.
 */
export function suggestedCardsForNewHire(services: Services, user: User, date: string, options: { dryRun?: boolean } = {}): NewHireCards {
  const suggestions = sopModule(services).newHireSuggestions(user, date, options);
  if (!suggestions.length) return { suggestions, markdown: '', messages: [] };
  const lines = ['**今日学习卡片（新人）**'];
  suggestions.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.card.id} ${s.card.title} — ${s.customer.name}：${s.reason}`);
    if (s.pushId !== null) lines.push(`> 用完反馈：${feedbackCommand(s.card.id, s.pushId, 'full')}（或 部分适用 / 不适用）`);
  });
  const messages = suggestions.flatMap((s) =>
    s.pushId === null
      ? []
      : [renderPushedCard({ card: s.card, pushId: s.pushId, customerName: s.customer.name, context: '今日学习', reason: s.reason, learning: true })],
  );
  return { suggestions, markdown: lines.join('\n'), messages };
}
