// The signal lexicon: what sales operations edit in keywords/*.yaml, its zod schemas, and
// the compiled form the extractor scans with (one character trie plus a few regex macros).
//
// Entry syntax (every list below):
//   预算          a plain word or phrase
//   等…拍板       head and tail in the same clause, up to 8 characters apart ("…" or "...")
//   {amount}      a macro defined in grammar.yaml (a regular expression)
import { z } from 'zod';
import { SIGNAL_CATEGORIES, type SignalCategory } from './signal.ts';
import { normalizeText } from './normalize.ts';
import { requiredCharSets } from './required-chars.ts';
import { packTrie, type CharTrie, type TrieNode } from './char-trie.ts';

export type Polarity = 'positive' | 'negative' | 'neutral';
/** What a situation maps to: a sentiment, `none` (drop the signal) or `keep` (leave it as it is). */
const mapping = z.enum(['positive', 'negative', 'neutral', 'none', 'keep']);
export type Mapping = z.infer<typeof mapping>;

const entry = z
  .string()
  .trim()
  .min(1, 'empty entry')
  .max(40, 'entry longer than 40 characters')
  .refine((s) => !/[{}]/.test(s) || /^\{[a-z]+\}$/.test(s), 'a macro must be the whole entry, like {amount}')
  .refine((s) => (s.match(/…|\.\.\./g) ?? []).length <= 1, 'at most one … gap per entry')
  .refine((s) => !/^(…|\.\.\.)|(…|\.\.\.)$/.test(s), 'a … gap needs words on both sides');
const entries = z.array(entry).default([]);

const polarityLists = z
  .object({ positive: entries, negative: entries, neutral: entries })
  .strict()
  .default({ positive: [], negative: [], neutral: [] });

export const categoryFileSchema = z
  .object({
    id: z.enum(SIGNAL_CATEGORIES),
    label: z.string().trim().min(1).max(12),
    description: z.string().optional(),
    /** How each situation maps to sentiment when no cue decides it. */
    sentiment: z
      .object({
        /** A term is mentioned, nothing else says which way. */
        mentioned: mapping,
        /** A term under one negation (没有预算). */
        negated: mapping,
        /** A term under double negation (不是没有预算). */
        affirmed: mapping,
        /** The clause is a real question (预算大概多少？). */
        question: mapping,
        /** A requirement or tentative wording (需要对接、先试用看看). */
        modal: mapping,
        /** A condition (要是能便宜两成就签). */
        conditional: mapping,
        /**
         * A negative cue under a condition (要是用Oracle的话就过不了信息部那关): a threat that is a
         * blocker already. `keep` leaves it negative; without it the conditional mapping applies
         * (a category whose conditional is `none` keeps it anyway).
         */
        conditionalNegative: mapping.optional(),
        /** A manager's instruction (把决策链摸清楚). */
        directive: mapping,
        /** Our own rep speaking in the first person to the customer (我们尽快安排演示): our promise, not theirs. */
        ownSide: mapping.default('keep'),
        /** The term is followed by a "not yet" (批复还没下来, 尾款还没结): still pending. `keep` leaves a bare mention. */
        pending: mapping.default('keep'),
        /** The term is followed by a passive 被 (预算被收回, 申请被退回): something was done to it. */
        passive: mapping.default('keep'),
      })
      .strict(),
    /** Words that name the topic. */
    terms: entries,
    /** Words that count only with a cue of this category in the clause, or a strong term in the line. */
    weakTerms: entries,
    /** Words that decide the sentiment when a term of this category is in the clause. */
    cues: polarityLists,
    /** Phrases that carry the category and its sentiment on their own. */
    phrases: polarityLists,
    /** Other senses: matches of this category inside these are ignored (预算一下 = estimate). */
    exclude: entries,
    /** Dropped in a clause that also mentions one of these categories (a competitor's price is not our price). */
    notWith: z.array(z.enum(SIGNAL_CATEGORIES)).default([]),
    /** `others`: dropped when another category explains the line (a negative signal anywhere, or any signal in the same clause). */
    yieldTo: z.enum(['nothing', 'others']).default('nothing'),
    /**
     * Phrases (listed under phrases too) that another category's negative signal in another clause
     * does not explain: 投诉 stays beside a late payment. A signal in the same clause still does.
     */
    standalone: entries,
    /**
     * it_integration only: weak terms (listed under weakTerms too) that, in a line naming a system
     * vendor (competitors.yaml alsoSystems: 用友, 钉钉), name an integration the way a term does, so
     * the vendor is read as the customer's system, not a competitor (对接他们的钉钉).
     */
    integrationWithSystem: entries,
  })
  .strict()
  .superRefine((file, ctx) => {
    const phrases = new Set([...file.phrases.positive, ...file.phrases.negative, ...file.phrases.neutral]);
    file.standalone.forEach((w, i) => {
      if (!phrases.has(w)) ctx.addIssue({ code: 'custom', path: ['standalone', i], message: `"${w}" is not in phrases` });
    });
    const weak = new Set(file.weakTerms.map(normalizeEntry));
    file.integrationWithSystem.forEach((w, i) => {
      if (file.id !== 'it_integration') ctx.addIssue({ code: 'custom', path: ['integrationWithSystem', i], message: 'integrationWithSystem is only for it_integration.yaml' });
      else if (!weak.has(normalizeEntry(w))) ctx.addIssue({ code: 'custom', path: ['integrationWithSystem', i], message: `"${w}" is not in weakTerms (list it there first)` });
    });
  });

export const competitorsFileSchema = z
  .object({
    /** Competitor product and company names. */
    names: z.array(entry).min(1),
    /** Words for "another vendor" without a name (别家, 友商). */
    generic: entries,
    /** Names that are also systems a customer integrates with (用友, 金蝶): not a competitor next to integration words. */
    alsoSystems: entries,
  })
  .strict()
  .superRefine((file, ctx) => {
    file.alsoSystems.forEach((name, i) => {
      if (!file.names.includes(name)) ctx.addIssue({ code: 'custom', path: ['alsoSystems', i], message: `"${name}" is not in names` });
    });
  });

const validRegex = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const grammarFileSchema = z
  .object({
    negators: z.array(entry).min(1),
    /** Negators that, right after a topic word, mean "not yet" (批复还没下来); see the categories' `pending`. */
    pendingNegators: entries,
    /** Passive markers that, right after a topic word, mean something was done to it (预算被收回); see `passive`. */
    passives: entries,
    /** Words that contain a negator but do not negate (不错, 不过, 非常). */
    notNegation: entries,
    /** Rhetorical negators that also cancel the question (难道, 哪有, 哪来). */
    rhetoricalNegators: entries,
    /** A negator that, in a question ending in 吗, affirms instead (不是已经批了吗？). */
    rhetoricalAffirm: entries,
    hedges: entries,
    /** Make the clause a question wherever they appear. */
    questions: entries,
    /** Make the clause a question only when it ends with a question mark. */
    questionWords: entries,
    modals: entries,
    /** Words that contain a modal but state no requirement (达到要求, 满足要求: 要求 is a noun there). */
    notModal: entries,
    conditions: entries,
    contrasts: entries,
    directives: entries,
    /** A manager asking the rep to find something out (问下, 探一下口风): the line asks, like a question. */
    inquiries: entries,
    /** The speaker offering to do something (要不我安排…？): the clause offers, it does not ask. */
    offers: entries,
    /** Directives that, opening a line, state the speaker's own aim (争取这个月定下来), not an order to a rep. */
    aims: entries,
    /** Words that make an A-not-A after them an undecided matter, not a question (还在犹豫批不批). */
    embedders: entries,
    /** First-person words; with ownSide they mark our own rep's statements in archived chats. */
    firstPerson: entries,
    /** Line prefixes that mark a manager speaking ("经理：…"). */
    managerPrefixes: entries,
    /** Laughter and joke markers: bare mentions in such a line do not count. */
    jokes: entries,
    /** Words that point back at a competitor named earlier in the line (人家送三个月, 那边去做演示). */
    competitorAnaphora: entries,
    /** Named regular expressions usable as {name} entries (matched on normalised, lower-case text). */
    macros: z.record(z.string().regex(/^[a-z]+$/, 'macro names are lower-case letters'), validRegex).default({}),
  })
  .strict();

export type CategoryFile = z.infer<typeof categoryFileSchema>;
export type CompetitorsFile = z.infer<typeof competitorsFileSchema>;
export type GrammarFile = z.infer<typeof grammarFileSchema>;

export interface LexiconFiles {
  grammar: GrammarFile;
  competitors: CompetitorsFile;
  categories: CategoryFile[];
}

// ---------------------------------------------------------------------------------------------
// Compiled form

export type HitKind =
  | 'term'
  | 'weak'
  | 'cue'
  | 'phrase'
  | 'exclude'
  | 'neg'
  | 'rneg'
  | 'raff'
  | 'filler'
  | 'hedge'
  | 'q'
  | 'qweak'
  | 'modal'
  | 'cond'
  | 'contrast'
  | 'directive'
  | 'self'
  | 'joke'
  | 'pending'
  | 'passive'
  | 'inquiry'
  | 'offer'
  | 'aim'
  | 'anaphor'
  | 'embed';

export interface LexEntry {
  kind: HitKind;
  /** As written (normalised), for display: '领导还没批', '等…拍板'. */
  text: string;
  /** The part matched first (the whole entry unless it has a gap). */
  head: string;
  /** After a gap: must follow the head in the same clause within GAP_MAX characters. */
  tail?: string;
  category?: SignalCategory;
  polarity?: Polarity;
  /** Competitor names that are also ERP/finance systems. */
  system?: boolean;
  /** A phrase of a yielding category that a negative elsewhere in the line does not explain (投诉). */
  standalone?: boolean;
  /** A weak IT word that, next to a system vendor, names an integration (对接): integrationWithSystem. */
  withSystem?: boolean;
  /** A negator that is also a pending negator (还没): one entry serves both. */
  pending?: boolean;
  /** term, weak, cue or phrase (precomputed: the extractor checks it in its inner loops). */
  isContent: boolean;
  /** term or weak. */
  isTopic: boolean;
}


export interface CategorySettings {
  id: SignalCategory;
  label: string;
  sentiment: CategoryFile['sentiment'];
  notWith: SignalCategory[];
  yieldTo: CategoryFile['yieldTo'];
}

export interface CompiledLexicon {
  /** Every entry but macros, by head. */
  trie: CharTrie<LexEntry>;
  /**
   * `required`: characters a match cannot do without (see required-chars.ts); null when the regex
   * must always run. `alsoRequired`: further sets a match needs one character of each of.
   */
  macros: { name: string; re: RegExp; entries: LexEntry[]; required: Set<number> | null; alsoRequired: Set<number>[] }[];
  categories: Map<SignalCategory, CategorySettings>;
  /** Words for the segmenter's user dictionary. */
  words: string[];
  /** Normalised line prefixes that mark a manager speaking ("经理"). */
  managerPrefixes: string[];
  /** Negators and words that merely contain one, which the segmenter must not split. */
  negationWords: Set<string>;
  /**
   * Cheap pre-check: the heads of every entry that can name a category (terms, weak terms,
   * phrases), matched anywhere, word boundaries aside. A line with none of them and no naming
   * macro match cannot carry a signal, so it is not segmented at all (small talk: 好的，收到).
   */
  naming: { heads: CharTrie<true>; macros: RegExp[] };
  /** Sizes, for logs and the README. */
  stats: { entries: number; macros: number };
}

export const GAP_MAX = 8;

/** Which grammar.yaml list becomes which kind of match. */
const GRAMMAR_KINDS: [Exclude<keyof GrammarFile, 'macros' | 'managerPrefixes'>, HitKind][] = [
  ['negators', 'neg'],
  ['notNegation', 'filler'],
  ['notModal', 'filler'],
  ['rhetoricalNegators', 'rneg'],
  ['rhetoricalAffirm', 'raff'],
  ['hedges', 'hedge'],
  ['questions', 'q'],
  ['questionWords', 'qweak'],
  ['modals', 'modal'],
  ['conditions', 'cond'],
  ['contrasts', 'contrast'],
  ['directives', 'directive'],
  ['firstPerson', 'self'],
  ['jokes', 'joke'],
  ['pendingNegators', 'pending'],
  ['passives', 'passive'],
  ['inquiries', 'inquiry'],
  ['offers', 'offer'],
  ['aims', 'aim'],
  ['competitorAnaphora', 'anaphor'],
  ['embedders', 'embed'],
];
const GAP = /…|\.\.\./;

/** Normalises an entry the way message text is normalised, so authors may write 預算 or POC. */
/** 没人 (nobody), not 没人家 / the 没有人 form itself. */
const NOBODY = /没人(?!家)/;

export function normalizeEntry(text: string): string {
  return normalizeText(text).match;
}

/**
 * Every entry with the same properties in the same order (absent ones undefined): the extractor
 * reads them in all its loops, and objects of one shape keep those reads fast.
 */
function lexEntry(kind: HitKind, text: string, head: string, tail: string | undefined, extra: Partial<LexEntry>): LexEntry {
  const isTopic = kind === 'term' || kind === 'weak';
  return {
    kind,
    text,
    head,
    tail,
    category: extra.category,
    polarity: extra.polarity,
    system: extra.system,
    standalone: extra.standalone,
    withSystem: extra.withSystem,
    pending: extra.pending,
    isContent: isTopic || kind === 'cue' || kind === 'phrase',
    isTopic,
  };
}

export function compileLexicon(files: LexiconFiles): CompiledLexicon {
  const root: TrieNode<LexEntry> = { next: new Map(), entries: [] };
  const macroEntries = new Map<string, LexEntry[]>();
  const namingHeads: TrieNode<true> = { next: new Map(), entries: [] };
  const childOf = (node: TrieNode<true>, code: number) => {
    let child = node.next.get(code);
    if (!child) node.next.set(code, (child = { next: new Map(), entries: [] }));
    return child;
  };
  const words = new Set<string>();
  let count = 0;

  const add = (raw: string, kind: HitKind, extra: Partial<LexEntry> = {}) => {
    const macro = /^\{([a-z]+)\}$/.exec(raw.trim());
    if (macro) {
      const name = macro[1]!;
      if (!(name in files.grammar.macros)) throw new Error(`unknown macro {${name}}`);
      const list = macroEntries.get(name) ?? [];
      list.push(lexEntry(kind, `{${name}}`, '', undefined, extra));
      macroEntries.set(name, list);
      count += 1;
      return;
    }
    const text = normalizeEntry(raw);
    // 没人 and 没有人 say the same (没人用 = 没有人用, 没人拍板 = 没有人拍板): one entry speaks for both.
    if (NOBODY.test(text) && (kind === 'cue' || kind === 'phrase' || kind === 'exclude')) add(text.replace(NOBODY, '没有人'), kind, extra);
    const parts = text.split(GAP).map((p) => p.trim());
    const head = parts[0]!;
    const tail = parts[1];
    if (!head) return;
    const e = lexEntry(kind, tail ? `${head}…${tail}` : head, head, tail, extra);
    let node = root;
    for (let i = 0; i < head.length; i++) {
      const code = head.charCodeAt(i);
      let n = node.next.get(code);
      if (!n) {
        n = { next: new Map(), entries: [] };
        node.next.set(code, n);
      }
      node = n;
    }
    node.entries.push(e);
    count += 1;
    if (kind === 'term' || kind === 'weak' || kind === 'phrase') {
      let at = namingHeads;
      for (let i = 0; i < head.length; i++) at = childOf(at, head.charCodeAt(i));
      at.entries = [true];
    }
    // Content words go to the segmenter so it keeps them whole; single characters and
    // function words would only disturb its statistics.
    const contentKind = kind === 'term' || kind === 'weak' || kind === 'phrase';
    for (const w of tail ? [head, tail] : [head]) if (contentKind && [...w].length >= 2) words.add(w);
  };

  const g = files.grammar;
  // managerPrefixes are checked at the start of a line, not scanned.
  // A word both in negators and pendingNegators (还没) is one entry flagged pending, not two
  // hits at the same place: fewer hits to compare per line.
  const negatorSet = new Set(g.negators.map(normalizeEntry));
  const pendingSet = new Set(g.pendingNegators.map(normalizeEntry));
  for (const [list, kind] of GRAMMAR_KINDS) {
    for (const w of g[list]) {
      if (kind === 'pending' && negatorSet.has(normalizeEntry(w))) continue;
      add(w, kind, kind === 'neg' && pendingSet.has(normalizeEntry(w)) ? { pending: true } : {});
    }
  }

  const categories = new Map<SignalCategory, CategorySettings>();
  for (const c of files.categories) {
    categories.set(c.id, { id: c.id, label: c.label, sentiment: c.sentiment, notWith: c.notWith, yieldTo: c.yieldTo });
    const standalone = new Set(c.standalone);
    const withSystem = new Set(c.integrationWithSystem.map(normalizeEntry));
    for (const w of c.terms) add(w, 'term', { category: c.id });
    for (const w of c.weakTerms) add(w, 'weak', { category: c.id, ...(withSystem.has(normalizeEntry(w)) ? { withSystem: true } : {}) });
    for (const p of ['positive', 'negative', 'neutral'] as const) {
      for (const w of c.cues[p]) add(w, 'cue', { category: c.id, polarity: p });
      for (const w of c.phrases[p]) add(w, 'phrase', { category: c.id, polarity: p, ...(standalone.has(w) ? { standalone: true } : {}) });
    }
    for (const w of c.exclude) add(w, 'exclude', { category: c.id });
  }
  const systems = new Set(files.competitors.alsoSystems.map(normalizeEntry));
  for (const w of files.competitors.names) add(w, 'term', { category: 'competitor', ...(systems.has(normalizeEntry(w)) ? { system: true } : {}) });
  for (const w of files.competitors.generic) add(w, 'term', { category: 'competitor' });

  const macros = [...macroEntries].map(([name, list]) => {
    const [required = null, ...alsoRequired] = requiredCharSets(g.macros[name]!);
    return { name, re: new RegExp(g.macros[name]!, 'gu'), entries: list, required, alsoRequired };
  });
  const namingMacros = macros
    .filter((m) => m.entries.some((e) => e.kind === 'term' || e.kind === 'weak' || e.kind === 'phrase'))
    .map((m) => new RegExp(m.re.source, 'u'));
  const managerPrefixes = g.managerPrefixes.map(normalizeEntry);
  const negationWords = new Set([...g.negators, ...g.notNegation, ...g.rhetoricalNegators].map(normalizeEntry));
  return { trie: packTrie(root), macros, categories, words: [...words], managerPrefixes, negationWords, naming: { heads: packTrie(namingHeads), macros: namingMacros }, stats: { entries: count, macros: macros.length } };
}
