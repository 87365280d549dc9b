// /卡片 <关键词>: finds cards by id, title, industry, trigger label or text, best hits first.
import { CATEGORY_LABELS } from '../insight/signal.ts';
import { SECTION_KEYS, type SopCard } from './card.ts';

export function searchCards(cards: SopCard[], keyword: string): SopCard[] {
  const k = keyword.trim().toLowerCase();
  if (!k) return [];
  const scored: { card: SopCard; score: number }[] = [];
  for (const card of cards) {
    let score = 0;
    if (card.id.toLowerCase() === k) score += 100;
    if (card.title.toLowerCase().includes(k)) score += 10;
    if (card.industries?.some((i) => i.toLowerCase().includes(k))) score += 5;
    if (card.triggers.some((t) => CATEGORY_LABELS[t.category].includes(k) || t.category === k)) score += 5;
    if (card.sections.scene.toLowerCase().includes(k)) score += 3;
    if (SECTION_KEYS.some((s) => s !== 'scene' && card.sections[s].toLowerCase().includes(k))) score += 1;
    if (score) scored.push({ card, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.card.id.localeCompare(b.card.id)).map((s) => s.card);
}
