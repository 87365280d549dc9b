// Reads the card folder (templates/sop by default) into a validated, indexed library. Invalid
// files are returned with their reasons; the valid cards still load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLibrary, type CardError, type SopCard } from '../../domain/sop/card.ts';
import { buildCardIndex, type CardIndex } from '../../domain/sop/matching.ts';

export interface CardLibrary {
  dir: string;
  cards: SopCard[];
  errors: CardError[];
  index: CardIndex;
  get(id: string): SopCard | undefined;
}

export function loadCardLibrary(dir: string): CardLibrary {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('.') && f.toLowerCase() !== 'readme.md').sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '卡片目录不存在' : `无法读取卡片目录：${(error as Error).message}`;
    return libraryOf(dir, [], [{ file: dir, reason }]);
  }
  const files: { file: string; text: string }[] = [];
  const errors: CardError[] = [];
  for (const file of names) {
    try {
      files.push({ file, text: readFileSync(join(dir, file), 'utf8') });
    } catch (error) {
      errors.push({ file, reason: `无法读取：${(error as Error).message}` });
    }
  }
  const parsed = parseLibrary(files);
  return libraryOf(dir, parsed.cards, [...errors, ...parsed.errors]);
}

export function libraryOf(dir: string, cards: SopCard[], errors: CardError[] = []): CardLibrary {
  const index = buildCardIndex(cards);
  return { dir, cards: index.cards, errors, index, get: (id) => index.byId.get(id) };
}

/** For `sales-radar cards`: a summary sales operations can act on, and whether all cards loaded. */
export function checkCardFolder(dir: string): { text: string; ok: boolean } {
  const lib = loadCardLibrary(dir);
  const lines = [`${dir}：${lib.cards.length} 张卡片可用${lib.errors.length ? `，${lib.errors.length} 个文件被拒绝` : ''}`];
  for (const e of lib.errors) lines.push(`✗ ${e.file}：${e.reason}`);
  return { text: lines.join('\n'), ok: lib.errors.length === 0 };
}
