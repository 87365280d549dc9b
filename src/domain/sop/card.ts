// SOP cards (seed 001): one Markdown file per card, YAML front matter plus four required
// sections. Parsing is pure (file name + text in, card or a reason out) so sales operations get
// the same verdict from the loader, the `cards` CLI check and the tests.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { STAGES, type Stage } from '../stages.ts';
import { SENTIMENTS, SIGNAL_CATEGORIES, type Sentiment, type SignalCategory } from '../insight/signal.ts';

export const SECTION_KEYS = ['scene', 'actions', 'taboos', 'checks'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const SECTION_TITLES: Record<SectionKey, string> = {
  scene: '适用场景',
  actions: '必做动作',
  taboos: '禁忌雷区',
  checks: '效果验证点',
};

export interface CardTrigger {
  category: SignalCategory;
  /** null: any sentiment of the category triggers the card. */
  sentiment: Sentiment | null;
}

export type CardAudience = 'all' | 'new_hires';
export type CardTier = 'K' | 'R' | 'all';

export interface SopCard {
  id: string;
  title: string;
  stages: Stage[];
  /** null = every industry. */
  industries: string[] | null;
  triggers: CardTrigger[];
  audience: CardAudience;
  tier: CardTier;
  owner: string;
  version: number;
  sections: Record<SectionKey, string>;
  /** File name the card came from, for messages to sales operations. */
  file: string;
}

export interface CardError {
  file: string;
  reason: string;
}

export type ParseResult = { ok: true; card: SopCard } | { ok: false; error: CardError };

export const CARD_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const ALL_WORDS = ['all', '全部', '全行业', '通用'];

const triggerText = z.string().transform((value, ctx): CardTrigger => {
  const [category, sentiment, extra] = value.trim().split(/[\s/]+/);
  if (!category || !(SIGNAL_CATEGORIES as readonly string[]).includes(category)) {
    ctx.addIssue({ code: 'custom', message: `未知信号类别「${category ?? ''}」（可用：${SIGNAL_CATEGORIES.join(' ')}）` });
    return z.NEVER;
  }
  if (sentiment !== undefined && !(SENTIMENTS as readonly string[]).includes(sentiment)) {
    ctx.addIssue({ code: 'custom', message: `未知情绪「${sentiment}」（可用：positive negative neutral）` });
    return z.NEVER;
  }
  if (extra !== undefined) {
    ctx.addIssue({ code: 'custom', message: `触发信号「${value}」格式应为「类别 情绪」，如 tender positive` });
    return z.NEVER;
  }
  return { category: category as SignalCategory, sentiment: (sentiment as Sentiment | undefined) ?? null };
});

const frontMatterSchema = z
  .object({
    id: z
      .string({ error: '缺少 id' })
      .trim()
      .max(24, 'id 最长 24 个字符')
      .regex(CARD_ID, 'id 只能用大写字母、数字和连字符，如 SOP-07'),
    title: z.string({ error: '缺少 title' }).trim().min(1, 'title 不能为空').max(40, 'title 最长 40 个字'),
    stages: z
      .array(
        z.enum(STAGES, { error: (issue) => `未知阶段「${String(issue.input)}」（可用：${STAGES.join(' ')}）` }),
        { error: '缺少 stages（如 [T2, T3]）' },
      )
      .min(1, 'stages 至少写一个阶段'),
    industries: z
      .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)], {
        error: 'industries 应为 all 或行业列表，如 [医疗, 教育]',
      })
      .default('all'),
    triggers: z.array(triggerText, { error: 'triggers 应为列表，如 [tender positive]' }).default([]),
    audience: z.enum(['all', 'new_hires'], { error: 'audience 只能是 all 或 new_hires' }).default('all'),
    tier: z.enum(['K', 'R', 'all'], { error: 'tier 只能是 K、R 或 all' }).default('all'),
    owner: z.string({ error: '缺少 owner' }).trim().min(1, 'owner 不能为空'),
    version: z.number({ error: '缺少 version（正整数）' }).int('version 应为正整数').min(1, 'version 应为正整数'),
  })
  .strict();

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `未知字段 ${issue.keys.join(', ')}`;
  const field = issue.path.length ? String(issue.path[0]) : '';
  return field && !issue.message.includes(field) ? `${field}：${issue.message}` : issue.message;
}

/** Splits `---\nyaml\n---\nbody`; the front matter must open the file. */
function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | null {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!t.startsWith('---\n')) return null;
  const end = t.indexOf('\n---', 3);
  if (end === -1) return null;
  const after = t.indexOf('\n', end + 4);
  const yaml = t.slice(4, end + 1);
  const body = after === -1 ? '' : t.slice(after + 1);
  return { yaml, body, bodyLine: yaml.split('\n').length + 2 };
}

const TITLE_TO_KEY = new Map(Object.entries(SECTION_TITLES).map(([k, v]) => [v, k as SectionKey]));

function parseSections(body: string, bodyLine: number): { sections: Record<SectionKey, string> } | { reason: string } {
  const found = new Map<SectionKey, string[]>();
  let current: string[] | null = null;
  const lines = body.split('\n');
  for (const [i, line] of lines.entries()) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const key = TITLE_TO_KEY.get(heading[1]!.replace(/[【】\s]/g, ''));
      if (!key) {
        return { reason: `第 ${bodyLine + i} 行：未知段落「${heading[1]}」（只允许：${Object.values(SECTION_TITLES).join(' / ')}）` };
      }
      if (found.has(key)) return { reason: `第 ${bodyLine + i} 行：段落「${SECTION_TITLES[key]}」重复` };
      current = [];
      found.set(key, current);
      continue;
    }
    current?.push(line);
  }
  const sections = {} as Record<SectionKey, string>;
  for (const key of SECTION_KEYS) {
    const content = found.get(key)?.join('\n').trim();
    if (content === undefined) return { reason: `缺少段落「## ${SECTION_TITLES[key]}」` };
    if (!content) return { reason: `段落「${SECTION_TITLES[key]}」是空的` };
    sections[key] = content;
  }
  return { sections };
}

export function parseCard(file: string, text: string): ParseResult {
  const fail = (reason: string): ParseResult => ({ ok: false, error: { file, reason } });
  const parts = splitFrontMatter(text);
  if (!parts) return fail('文件开头缺少 front matter（以 --- 开始、--- 结束的 YAML 块）');
  const doc = parseDocument(parts.yaml);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    // linePos counts from the YAML block; the file has the opening --- above it.
    const line = e.linePos?.[0]?.line;
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fail(`front matter 不是有效的 YAML${line ? `（第 ${line + 1} 行）` : ''}：${message}`);
  }
  const meta = frontMatterSchema.safeParse(doc.toJS() ?? {});
  if (!meta.success) return fail(meta.error.issues.map(describeIssue).join('；'));
  const parsed = parseSections(parts.body, parts.bodyLine);
  if ('reason' in parsed) return fail(parsed.reason);
  const m = meta.data;
  const industries = typeof m.industries === 'string' ? [m.industries] : m.industries;
  return {
    ok: true,
    card: {
      id: m.id,
      title: m.title,
      stages: [...new Set(m.stages)],
      industries: industries.some((i) => ALL_WORDS.includes(i.toLowerCase())) ? null : [...new Set(industries)],
      triggers: m.triggers,
      audience: m.audience,
      tier: m.tier,
      owner: m.owner,
      version: m.version,
      sections: parsed.sections,
      file,
    },
  };
}

/** Parses a whole library: invalid files and duplicate ids are reported, the rest load. */
export function parseLibrary(files: { file: string; text: string }[]): { cards: SopCard[]; errors: CardError[] } {
  const cards: SopCard[] = [];
  const errors: CardError[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    const r = parseCard(file, text);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    const earlier = seen.get(r.card.id);
    if (earlier) {
      errors.push({ file, reason: `id ${r.card.id} 重复（已在 ${earlier} 中使用）` });
      continue;
    }
    seen.set(r.card.id, file);
    cards.push(r.card);
  }
  return { cards, errors };
}

export function normaliseCardId(input: string): string {
  return input.trim().toUpperCase();
}

export const triggerLabel = (t: CardTrigger): string => (t.sentiment ? `${t.category} ${t.sentiment}` : t.category);
