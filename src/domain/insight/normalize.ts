// Text normalisation before matching: traditional → simplified (opencc-js), full-width →
// half-width, control characters, emoji and other noise stripped, spaces collapsed. Two
// strings come out: `display` keeps Latin case (for quotes in briefs) and `match` is
// ASCII-lower-cased for matching; both have the same length so offsets carry over.
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });

// Characters that opencc may change. Most lines are already simplified; skipping the converter
// for them keeps normalisation cheap. Built lazily from the converter itself: a flag per code
// unit of the CJK Unified Ideographs block.
const CJK_START = 0x4e00;
const CJK_END = 0x9fff;
let traditional: Uint8Array | null = null;
const traditionalTable = (): Uint8Array => (traditional ??= buildTraditionalTable());

function mayBeTraditional(text: string): boolean {
  const table = traditionalTable();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= CJK_START && c <= CJK_END && table[c - CJK_START] === 1) return true;
  }
  return false;
}

function buildTraditionalTable(): Uint8Array {
  const table = new Uint8Array(CJK_END - CJK_START + 1);
  // A character is "traditional" if the converter changes it on its own. Phrase-level
  // conversions all involve at least one such character.
  const chunk: string[] = [];
  for (let cp = CJK_START; cp <= CJK_END; cp++) chunk.push(String.fromCharCode(cp));
  const converted = toSimplified(chunk.join('\n')).split('\n');
  for (let i = 0; i < chunk.length; i++) if (converted[i] !== chunk[i]) table[i] = 1;
  return table;
}

/** Anything the noise, control or space clean-up would touch (plain Chinese text skips it). */
function needsCleaning(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0xbf)) return true;
    if (c >= 0x2000 && !(c >= 0x3000 && c <= 0x9fff) && !(c >= 0xff00 && c <= 0xffef)) return true;
    if (c === 0x20 && text.charCodeAt(i + 1) === 0x20) return true;
  }
  return false;
}

// Emoji, pictographs, variation selectors, zero-width joiners, private use and lone surrogates.
const NOISE = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE00}-\u{FE0F}\u{200B}-\u{200F}\u{2060}-\u{206F}\u{FEFF}\u{E000}-\u{F8FF}\u{FFFD}\u{FFF0}-\u{FFFF}]|[\u{D800}-\u{DFFF}]/gu;
// C0/C1 control characters other than newline and tab.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export interface NormalizedText {
  display: string;
  match: string;
}

/**
 * Maps full-width ASCII (U+FF01–FF5E) and the ideographic space to their half-width forms.
 * With `alnumOnly`, full-width punctuation (，？！) stays, which reads better in quotes.
 */
export function toHalfWidth(text: string, alnumOnly = false): string {
  const convert = alnumOnly ? isFullWidthAlnum : isFullWidth;
  const n = text.length;
  let i = 0;
  while (i < n && !convert(text.charCodeAt(i))) i++;
  if (i === n) return text;
  // The runs in between are sliced whole: a third cheaper than a regex replace, which calls back per character.
  let out = '';
  let from = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!convert(c)) continue;
    out += text.slice(from, i) + String.fromCharCode(c === 0x3000 ? 0x20 : c - 0xfee0);
    from = i + 1;
  }
  return out + text.slice(from);
}

const isFullWidth = (c: number): boolean => (c >= 0xff01 && c <= 0xff5e) || c === 0x3000;
const isFullWidthAlnum = (c: number): boolean => (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c === 0x3000;

/** Lower-cases A–Z only, so the length never changes. */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : text;
}

/** What plainLine found besides plain characters. */
const FULL_WIDTH_PUNCTUATION = 1;
const UPPER_CASE = 2;

/**
 * One pass over a line that holds nothing for the clean-up, the converter or trim to change:
 * returns which of full-width punctuation (，？: half-width in `match` only) and A–Z (lower-cased
 * in `match` only) it holds, or -1 when the line needs the full treatment. Most chat lines are
 * plain, and for them this replaces six passes.
 */
function plainLine(text: string): number {
  const table = traditionalTable();
  const n = text.length;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 0x20) return -1;
      if (c === 0x20) {
        if (i === 0 || i === n - 1 || text.charCodeAt(i + 1) === 0x20) return -1;
      } else if (c >= 0x41 && c <= 0x5a) found |= UPPER_CASE;
    } else if (c > 0x3000 && c <= CJK_END) {
      if (c >= CJK_START && table[c - CJK_START] === 1) return -1;
    } else if (c >= 0xff00 && c <= 0xffef) {
      if (c >= 0xff01 && c <= 0xff5e) {
        if (isFullWidthAlnum(c)) return -1;
        found |= FULL_WIDTH_PUNCTUATION;
      }
    } else return -1;
  }
  return found;
}

export function normalizeText(raw: string): NormalizedText {
  const plain = plainLine(raw);
  if (plain >= 0) {
    const halfWidth = plain & FULL_WIDTH_PUNCTUATION ? toHalfWidth(raw) : raw;
    return { display: raw, match: plain & UPPER_CASE ? asciiLower(halfWidth) : halfWidth };
  }
  const dirty = needsCleaning(raw);
  let t = dirty ? raw.replace(CONTROL, ' ').replace(NOISE, '') : raw;
  t = toHalfWidth(t, true);
  if (mayBeTraditional(t)) t = toSimplified(t);
  t = dirty ? t.replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f]+/g, ' ').trim() : t.trim();
  return { display: t, match: asciiLower(toHalfWidth(t)) };
}
