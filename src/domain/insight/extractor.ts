// Signal extraction from one chat line: normalise → segment (word boundaries) → match the
// lexicon → split into clauses → decide each category's sentiment from cues, negation,
// questions, hedges and modality → one signal per category (the dominant one).
// Pure apart from the segmenter it is given; no I/O. Written for throughput (hundreds of
// thousands of lines a minute): a double-array trie, no closures in the per-clause loop.
import type { Signal, SignalCategory, Sentiment } from './signal.ts';
import { normalizeText, type NormalizedText } from './normalize.ts';
import { GAP_MAX, type CategorySettings, type CompiledLexicon, type HitKind, type LexEntry, type Mapping, type Polarity } from './lexicon.ts';
import { TRIE_ROOT, containsAnyWord } from './char-trie.ts';

export interface Segmenter {
  /** The words of `text` in order (shared with later calls: not to be changed). */
  cut(text: string): readonly string[];
  /**
   * False when no word of the segmenter's dictionary holds `left` followed by `right`, so it
   * always cuts between them (word-pairs.ts). Without it every line is segmented.
   */
  mayJoin?(left: number, right: number): boolean;
}

/** A word-boundary value not known yet: the line has not been segmented (see boundaries). */
const UNKNOWN = 2;

export interface ExtractOptions {
  /** The speaker's role, when known: a manager's instructions are neutral (GUIDELINE). */
  speakerRole?: 'rep' | 'manager' | 'admin';
  /** The line was written by our own side to the customer (an archived chat), not relayed by a rep to the bot. */
  ownSide?: boolean;
  /**
   * Where the (normalised) text names a customer. A word lying wholly inside a name is part of
   * the name, not a signal: 360 is no amount, 合同宝 no contract and the 不 of 不凡 negates
   * nothing. Competitor names are the exception (namesItself).
   */
  names?: readonly TextSpan[];
}

/** A range of a text, start inclusive, end exclusive (UTF-16 offsets). */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * A competitor's name keeps its meaning inside a customer's name: a customer can carry a
 * competitor's brand (华为), and the competitor list names it on purpose.
 */
const namesItself = (e: LexEntry): boolean => e.category === 'competitor';

/** True when [start, end) lies inside one of the spans. */
function withinAny(spans: readonly TextSpan[], start: number, end: number): boolean {
  for (let k = 0; k < spans.length; k++) if (spans[k]!.start <= start && end <= spans[k]!.end) return true;
  return false;
}

/** Longer lines are analysed up to this many characters (a pasted document is not a chat line). */
export const MAX_ANALYSED_CHARS = 4000;
/** How far (in characters) a negator reaches forward to the word it negates. */
const NEG_REACH = 3;
/** How far (in characters) after a topic word a "not yet" or a passive may start (批复一直还没下来). */
const POST_REACH = 4;
/** How far (in characters) before an A-not-A an embedder (犹豫, 不知道) may end (还在犹豫到底批不批). */
const EMBED_REACH = 4;
/** Score bonus of a negative clause over a positive one of the same category (see choose). */
const NEGATIVE_LEAD = 0.25;
/** Per UTF-16 code unit, one bit for each character class below: a test is one array read, cheaper than a Set's (lines are scanned character by character). */
const charClassBits = new Uint16Array(0x10000);
let classesDefined = 0;
class CharClass {
  private readonly bit = 1 << classesDefined++;
  constructor(chars: string) {
    if (this.bit > 0x8000) throw new Error('more than 16 character classes');
    for (const c of chars) charClassBits[c.charCodeAt(0)]! |= this.bit;
  }
  has(code: number): boolean {
    // Callers pass charCodeAt past the end of a line (NaN): masked, the key stays a small integer
    // (NaN & 0xffff is 0, a code in no class). A NaN key made this load, and every copy inlined, megamorphic.
    return (charClassBits[code & 0xffff]! & this.bit) !== 0;
  }
}
const codes = (s: string) => new CharClass(s);
/** Characters that may directly follow a one-character entry (批了, 卡住, 砍掉). */
const COMPLEMENTS = codes('了过着住掉完好到下来得在起上出');
/** Tokens starting with these get a boundary after the negator (jieba keeps 不确定 whole). */
const NEGATOR_STARTS = codes('不没未无别');
/** 没说 / 没有说 before a self-negated cue negates it (没说不做). */
const SAY = '说'.charCodeAt(0);
const FIRST = '先'.charCodeAt(0);
const NOT_SAID = codes('没有');
/** Negators are also found inside words (都还没). */
const NEGATOR_CHARS = codes('不没未无别还并尚从毫');
const CLAUSE_BREAK = codes(',，。.!！?？;；:：\n\t~～…()（）[]【】"“”\'‘’<>《》|');
const SENTENCE_BREAK = codes('。!！?？;；\n');
const QUESTION_MARKS = codes('?？');
const DOT_OR_COLON = codes('.:');
const SPACE = ' '.charCodeAt(0);
const EDGE_PUNCT = /[\s,，。.!！?？;；:：、]/;
/** A question word ending in 没 / 没有 (了没, 过没有): it asks only at the end of a clause. */
const TRAILING_NOT = /没有?$/;
/** Sentence-final particles that may follow a question word ending in 没 (签了没呢). */
const FINAL_PARTICLES = codes('呢啊呀吧啦嘛哈');
/** 还没 / 都不 / 至今没 inside a question: what it presupposes has not happened (怎么还没批？). */
const NOT_YET_REPROACH = /(?:还|都|至今|到现在)[^，,。？?！!]{0,2}(?:没|不|未)/;
/** Quote marks: a word in quotes right before a feature or column noun names it ("预算"模块). */
const OPEN_QUOTES = codes('"“\'‘「『');
const CLOSE_QUOTES = codes('"”\'’」』');
/** What a quoted word may name in a product or a form (模块, 那一栏, 字段, 按钮). */
const NAMED_THING = /^(?:这|那)?一?(?:模块|功能|栏|字段|菜单|按钮|板块|页面|页签|报表|选项|标签|列|科目)/;

/**
 * The hit is a word quoted as the name of a feature or a column (你们这个"预算"模块, "年度预算"那一栏):
 * people quote a word to name it, not to say it happened. The closing quote follows the hit, the
 * opening one is at most four characters before it, in the same clause.
 */
function quotedName(text: string, h: Hit): boolean {
  if (!CLOSE_QUOTES.has(text.charCodeAt(h.end))) return false;
  for (let i = h.start - 1; i >= 0 && i >= h.start - 5; i--) {
    const c = text.charCodeAt(i);
    if (OPEN_QUOTES.has(c)) return NAMED_THING.test(text.slice(h.end + 1, h.end + 6));
    if (CLAUSE_BREAK.has(c)) return false;
  }
  return false;
}

/** Asking words inside a lexicon cue or phrase: it is a request (尾款能不能晚), not a question. */
const REQUEST = /能不能|可不可以|能否|可否/;
/** A neutral cue that says a matter is not settled yet (还没定, 未定, 不确定, 待定). */
const UNDECIDED = /[不没未]|待定/;
/** A neutral phrase naming the rules (评分办法, 评标标准): the line is about how it works, not a bare mention. */
const RULES = /办法|规则|标准/;
/** 不 + a result complement right after a verb: it cannot happen (签不下来, 批不了, 谈不成, 打不过来). */
const POTENTIAL_NEGATIVE = /^不(?:下来|下去|了|成|到|出来|过来|动|完|上|起来|通|进)/;

interface Hit {
  entry: LexEntry;
  kind: HitKind;
  start: number;
  end: number;
  /** End of the head when the entry has a gap; the tail starts at tailStart. */
  headEnd: number;
  tailStart: number;
  clause: number;
  dropped: boolean;
}

interface Clause {
  start: number;
  end: number;
  sentence: number;
  contrast: boolean;
  endsWithQuestion: boolean;
  /** Some clause of its sentence ends with a question mark. */
  sentenceAsks: boolean;
  /** Ends with 吗 (before any question mark): a candidate for 不是…吗 rhetoric. */
  endsWithMa: boolean;
  /** Where the 不/没 of an A-not-A question (急不急, 批没批) is, or -1. */
  aNotA: number;
  content: Hit[];
  functions: Hit[];
}

interface ClauseResult {
  category: SignalCategory;
  sentiment: Polarity;
  confidence: number;
  clause: number;
  contrast: boolean;
  /** Decided by a cue or phrase, not by a bare mention's default. */
  cued: boolean;
  /** Carried from an earlier clause (the clause names no word of the category). */
  carried: boolean;
  /** Neutral by a neutral cue of the category saying the matter is unsettled (时间还没定, 待定), not by a question or a modal. */
  neutralCue: boolean;
  decisive: Hit;
}

interface LineContext {
  text: string;
  clauses: Clause[];
  managerLine: boolean;
  ownSide: boolean;
  jokeLine: boolean;
  /** Categories with a strong term or phrase in a sentence that does not ask (weak terms lean on them). */
  strongInLine: Set<SignalCategory>;
}

/** 不 and 没: the middle of an A-not-A question. */
const A_NOT_A_MIDDLES = ['不', '没'];
const A_NOT_A_MIDDLE = codes(A_NOT_A_MIDDLES.join(''));
const isCjkCode = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** The position of the first 不/没 of an A-not-A question (急不急, 签没签) in the text, or -1. */
function findANotA(text: string): number {
  let best = -1;
  for (const middle of A_NOT_A_MIDDLES) {
    for (let i = text.indexOf(middle, 1); i > 0 && i + 1 < text.length; i = text.indexOf(middle, i + 1)) {
      const a = text.charCodeAt(i - 1);
      if (a === text.charCodeAt(i + 1) && isCjkCode(a) && !A_NOT_A_MIDDLE.has(a)) {
        if (best < 0 || i < best) best = i;
        break;
      }
    }
  }
  return best;
}

const isAlnumCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

function flip(p: Polarity): Polarity {
  return p === 'positive' ? 'negative' : p === 'negative' ? 'positive' : 'neutral';
}

function applyMapping(m: Mapping, s: Polarity | null): Polarity | null {
  if (s === null || m === 'keep') return s;
  if (m === 'none') return null;
  return m;
}

/** The clause has a term or phrase of the category (a weak word alone does not count). */
function namesStrongly(clause: Clause, category: SignalCategory): boolean {
  for (const h of clause.content) if (h.entry.category === category && (h.kind === 'term' || h.kind === 'phrase')) return true;
  return false;
}

/** A clause of the sentence has a term or phrase of the category (in an asking sentence they support weak words of that sentence only). */
function namedStronglyInSentence(clauses: Clause[], sentence: number, category: SignalCategory): boolean {
  for (const c of clauses) if (c.sentence === sentence && namesStrongly(c, category)) return true;
  return false;
}

/**
 * Another category's strong word in the clause rules this one out (notWith); so does a word that
 * points back at a competitor named in an earlier clause (销售易也在看，下周那边去做演示).
 */
function excludedBy(clause: Clause, category: SignalCategory, notWith: readonly SignalCategory[], competitorBefore: boolean, text: string): boolean {
  for (const other of notWith) {
    // Our own demo or quote next to a competitor stays ours (还是我们的演示更打动人, 看你们POC能不能打过别家).
    if (other === 'competitor' && ownedByUs(clause, category, text)) continue;
    if (namesStrongly(clause, other)) return true;
    if (other === 'competitor' && competitorBefore && hasKind(clause.functions, 'anaphor')) return true;
    // After a competitor named earlier, a clause that says what the customer does with that
    // vendor (想换掉, 不续了) in words of its own is about that vendor (他们现在用X，嫌续费太贵想换掉).
    if (other === 'competitor' && competitorBefore && ownCompetitorCue(clause, category)) return true;
    // …and so does the same clause naming the vendor by a weak word (客户原来用的系统合同到期就不续了).
    if (other === 'competitor' && weakCompetitorAt(clause) && ownCompetitorCue(clause, category)) return true;
  }
  return false;
}

/** Us or the vendor addressed, owning what follows (我们的演示, 你们POC). */
const OURS_BEFORE = /(?:我们|你们|咱们)的?$/;

/** Every word of the category in the clause is owned by us (我们的演示, 你们POC): not the competitor's. */
function ownedByUs(clause: Clause, category: SignalCategory, text: string): boolean {
  let any = false;
  for (const h of clause.content) {
    if (h.entry.category !== category || h.kind !== 'term') continue;
    if (!OURS_BEFORE.test(text.slice(Math.max(clause.start, h.start - 3), h.start))) return false;
    any = true;
  }
  return any;
}

/** A weak competitor word (原来用的系统, 老供应商) in the clause that is no competitor cue as well (对比). */
function weakCompetitorAt(clause: Clause): boolean {
  for (const h of clause.content) {
    if (h.kind !== 'weak' || h.entry.category !== 'competitor') continue;
    let cue = false;
    for (const o of clause.content) if (o.kind === 'cue' && o.entry.category === 'competitor' && o.start < h.end && h.start < o.end) cue = true;
    if (!cue) return true;
  }
  return false;
}

/** Deferred to next year or later (推到明年, 只能等明年, 年后再说): GUIDELINE's 等明年 is timeline/negative. */
const NEXT_YEAR = /明年|后年|年后|下一年|来年/;

/**
 * A tender deferred a year (招标推到明年了) defers the decision too: timeline/negative, though
 * timeline yields to tender otherwise (招标定在下个月 is the tender's date; 开标往后推了一个月 its delay).
 */
function deferredAYear(text: string, clause: Clause): boolean {
  let negative = false;
  for (const h of clause.content) if (h.entry.category === 'timeline' && (h.kind === 'cue' || h.kind === 'phrase') && h.entry.polarity === 'negative') negative = true;
  return negative && NEXT_YEAR.test(text.slice(clause.start, clause.end));
}

/** A competitor cue in the clause that is not also a word of `category` (想换掉 for a price, not 太贵). */
function ownCompetitorCue(clause: Clause, category: SignalCategory): boolean {
  for (const h of clause.content) {
    if (h.kind !== 'cue' || h.entry.category !== 'competitor') continue;
    let shared = false;
    for (const o of clause.content) if (o.entry.category === category && o.start < h.end && h.start < o.end) shared = true;
    if (!shared) return true;
  }
  return false;
}

/**
 * Every cue of the category in the clause is also (inside) a cue or phrase of a category the
 * clause names: the cue belongs to that one, and does not continue the previous clause's topic
 * (试用挺好，就是价格卡着 → 卡着 is about the price, not the trial; 预算没问题，就是领导还没批 →
 * 没批 is inside the approval phrase 领导还没批, not the budget's).
 */
function cuesClaimed(clause: Clause, category: SignalCategory, named: readonly SignalCategory[]): boolean {
  // A date says when, not what: 预计月底能签 after 合同 still signs the contract, so a timeline
  // named only by its weak words (a date) does not claim a positive cue (a plan to do it). A
  // negative cue (别拖过季度末) stays with the date.
  let timelineStrong = false;
  for (const o of clause.content) if (o.entry.category === 'timeline' && o.kind !== 'weak' && o.kind !== 'cue') timelineStrong = true;
  let any = false;
  for (const h of clause.content) {
    if (h.kind !== 'cue' || h.entry.category !== category) continue;
    any = true;
    let shared = false;
    for (const o of clause.content) if ((o.kind === 'cue' || claimsAsPhrase(o, h)) && o.entry.category !== category && named.includes(o.entry.category!) && (o.entry.category !== 'timeline' || timelineStrong || h.entry.polarity !== 'positive') && o.start <= h.start && h.end <= o.end) shared = true;
    if (!shared) return false;
  }
  return any;
}

/**
 * A phrase claims a cue that is its own ending verdict (没批 closing 领导还没批): the phrase says
 * who or what has not done it; a verb complement may follow (还没批下来). Not a head…tail phrase (流程…卡着 spans too loosely), not a cue at
 * its start (没人 in 没人拍板), not a stall or a date (risk, timeline).
 */
function claimsAsPhrase(o: Hit, h: Hit): boolean {
  if (o.kind !== 'phrase' || o.entry.tail || o.start >= h.start || h.end > o.end || NON_CLAIMING.has(o.entry.category!)) return false;
  // …or is followed only by a verb complement (没批 in 还没批下来).
  const rest = o.entry.text.slice(h.end - o.start);
  for (let i = 0; i < rest.length; i++) if (!COMPLEMENTS.has(rest.charCodeAt(i))) return false;
  return true;
}

/** Categories whose weak words name people (老板, 财务, 领导): the speaker of a verdict, not its topic. */
const PERSON_CATEGORIES: ReadonlySet<SignalCategory> = new Set<SignalCategory>(['approval', 'decision_maker']);
/** Categories that do not claim a person's verdict: a stall (risk) or a date (timeline) says nothing about what was judged. */
const NON_CLAIMING: ReadonlySet<SignalCategory> = new Set<SignalCategory>(['risk', 'timeline']);

/**
 * A person category named in the clause by weak words only (老板, 财务), each of whose cues lies
 * inside a cue or phrase of another category the clause names (a term, weak word or phrase of
 * its own, not a person category): the person only says it, the verdict is about that topic (价格这块老板没意见 is the
 * price, 老板说把合同签了 the contract).
 */
function personCuesClaimed(clause: Clause, category: SignalCategory): boolean {
  if (!PERSON_CATEGORIES.has(category)) return false;
  let any = false;
  for (const h of clause.content) {
    if (h.entry.category !== category) continue;
    if (h.kind === 'term' || h.kind === 'phrase') return false;
    if (h.kind !== 'cue') continue;
    any = true;
    let shared = false;
    for (const o of clause.content) {
      const other = o.entry.category!;
      if (PERSON_CATEGORIES.has(other) || NON_CLAIMING.has(other) || (o.kind !== 'cue' && o.kind !== 'phrase') || o.start > h.start || h.end > o.end) continue;
      if (o.kind === 'phrase') shared = true;
      else for (const t of clause.content) if (t.entry.category === other && t.kind !== 'cue') shared = true;
    }
    if (!shared) return false;
  }
  return any;
}

/** Having just seen or heard something (看完, 听完了, 试过): what is said next is feedback on it. */
const REACTION = /(?:看|听|试|用|体验|参观)(?:完了?|过了?)$/;
/** The same right after the person, the topic named before them (报价领导看了没说贵). */
const AFTER_SEEING = /^(?:也|都)?(?:看|听|试|用)(?:完|过|了)/;
/** …or judging it right after the person (报价领导觉得偏高, 演示效果老板很满意): an opinion of that topic. */
const OPINES = /^(?:也|都|倒是?|其实)?(?:觉得|认为|感觉|嫌|(?:很|挺|非常|比较|特别)?满意)/;

/**
 * A person (老板, 领导: a person category named by weak words only) reacting to a topic of another
 * category just seen or heard (老板看完演示说可以, 领导听完汇报方案没表态, 领导看过报价说还行): the verdict
 * is feedback on that topic, not an approval or a decision maker's stance.
 */
function reactsTo(text: string, clause: Clause, category: SignalCategory): boolean {
  if (!PERSON_CATEGORIES.has(category)) return false;
  let person = -1;
  let personEnd = -1;
  for (const h of clause.content) {
    if (h.entry.category !== category) continue;
    if (h.kind === 'term' || h.kind === 'phrase') return false;
    if (h.kind === 'weak' && person < 0) {
      person = h.start;
      personEnd = h.end;
    }
  }
  if (person < 0) return false;
  // …or the topic comes first and the person has seen it (报价领导看了没说贵, 演示老板看过说不错).
  const after = text.slice(personEnd, personEnd + 6);
  const seen = AFTER_SEEING.test(after) || OPINES.test(after);
  for (const o of clause.content) {
    const other = o.entry.category!;
    if (o.kind !== 'term' || PERSON_CATEGORIES.has(other) || NON_CLAIMING.has(other)) continue;
    if (o.start > person && REACTION.test(text.slice(Math.max(clause.start, o.start - 4), o.start))) return true;
    if (o.end <= person && seen) return true;
  }
  return false;
}

/** Categories that say when or how fast, not why: they do not explain a stall away (explainedByOthers). */
const NOT_A_CAUSE: ReadonlySet<SignalCategory> = new Set<SignalCategory>(['timeline', 'urgency']);

/** A risk phrase that defers to a later time rather than stalling (等…再说, 以后再说, 时机不对). */
const DEFERRAL = /再说|等|时机|时候|以后|回头|往后/;

/** A demand for a better price (再降5个点, 再便宜点, 再打个折) and then 就: an unspoken condition. */
const DEMAND_THEN = /再(?:降|便宜|少|打|让|优惠|减|低)[^就]*就/;

/**
 * 价格再降5个点，下周就可以盖章 / 再便宜两成就签: a signing offered for a price cut is offered on a
 * condition (GUIDELINE: 要是能便宜两成就签 is no planned signing), without 如果 or 要是. The demand
 * is in this clause or an earlier one of the sentence, the 就 in this one.
 */
function demandThen(text: string, clauses: Clause[], ci: number): boolean {
  const clause = clauses[ci]!;
  let from = ci;
  while (from > 0 && clauses[from - 1]!.sentence === clause.sentence && !clauses[from]!.contrast) from -= 1;
  const jiu = text.lastIndexOf('就', clause.end - 1);
  if (jiu < clause.start) return false;
  return DEMAND_THEN.test(text.slice(clauses[from]!.start, jiu + 1));
}

/** We (or you, the vendor addressed) compared with a competitor as the subject: 我们虽然比别家贵, 你们比X贵. */
const US_COMPARED = /(?:我们|你们|咱们|我们家|你们家)(?:虽然|虽说|尽管)?(?:的[^，,]{0,4})?比/;

/** The same with the 比 and what we are compared with still open before a cue (你们的试用版比别家 | 好用). */
const US_COMPARED_BEFORE = /(?:我们|你们|咱们|我们家|你们家)(?:的[^，,比]{0,6})?比[^，,比]{1,12}$/;

/** Competitor cues that already speak of us or of the customer's choice (更适合, 倾向你们, 选我们): no turning. */
const OUR_SIDE_CUE = /适合|贴合|打动|倾向|选|定|你们|我们|咱们|放弃|排除|不考虑/;

/** The clause speaks of the competitor again (但是他们服务不行). */
const THEY = /他们|她们|人家|对方|他家|那家|它/;

/** 等 (wait for), not 等等 / 等于 / 等级 / 等同, and the cue right after what is awaited, not after a 就 / 再 / 才 (等法务审完就签: the signing follows). */
const WAIT = /(?<!等)等(?![等于级同])[^就再才后]*$/;

/** A 等 shortly before the cue in its clause, not inside the cue itself (等…批下来 has its own verdict). */
function waitsFor(text: string, clause: Clause, h: Hit): boolean {
  if (h.entry.head.includes('等')) return false;
  const from = Math.max(clause.start, h.start - 6);
  const m = WAIT.exec(text.slice(from, h.start));
  // 等你们盖章 / 等咱们寄回: the other side is done and waits on us; no "not yet" of theirs.
  return m !== null && !WAITS_ON_US.test(m[0]);
}

const WAITS_ON_US = /^等(?:你们|咱们)/;

/** Cues of a person leaving or being replaced (领导换人了, 副总调走了). */
/** A clause opening with 还是 (the second alternative of a question). */
const ALTERNATIVE = /^\s*还是/;
/** A clause opening with 不是 / 而不是 (a correction of what kind it is). */
const CORRECTION = /^\s*(?:而|并)?不是(?!说|没|不)/;
/** A clause saying what it is (这次是比选). */
const IS_CLAUSE = /(?<![不还就要但可总老倒只])是(?!不是)/;
const THIS_YEAR = /今年|年内|本年度/;
/** Doubt verdicts (悬了, 够呛, 没戏): said after a date, they doubt the date. */
const DOUBT = /悬|玄|够呛|没戏|希望不大|没希望|难说|没谱/;

const LEADER_CHANGE = /换人|换了|调走|调岗|离职|换届|空降|退休/;

/**
 * The customer's leader changed (领导换人了, 换了分管领导) and a later clause says the deal stalls
 * for it (项目要搁置, 之前谈的都要重新来过): a churn risk, not a decision maker out of reach.
 */
function leaderChangeStalls(clauses: Clause[]): boolean {
  let changedAt = -1;
  for (let ci = 0; ci < clauses.length; ci++) {
    const c = clauses[ci]!;
    if (changedAt >= 0 && ci > changedAt) {
      for (const h of c.content) if (h.kind === 'phrase' && h.entry.category === 'risk' && h.entry.polarity === 'negative') return true;
    }
    if (changedAt < 0) {
      // The rare change cue first: most clauses have none.
      let change = false;
      for (const h of c.content) if (h.kind === 'cue' && h.entry.category === 'decision_maker' && LEADER_CHANGE.test(h.entry.text)) change = true;
      let strongPerson = false;
      if (change) for (const h of c.content) if (PERSON_CATEGORIES.has(h.entry.category!) && (h.kind === 'term' || h.kind === 'phrase')) strongPerson = true;
      if (change && !strongPerson) changedAt = ci;
    }
  }
  return false;
}

/** A modal in the clause governs the decisive word unless the word is a directional cue or phrase before it. */
function modalGoverns(fn: Hit[], decisive: Hit, cued: boolean): boolean {
  for (const h of fn) if (h.kind === 'modal' && (!cued || decisive.kind === 'term' || decisive.kind === 'weak' || h.start < decisive.end)) return true;
  return false;
}

/** The hit is the verb of an A-not-A (批不批) that an embedder (犹豫, 没想好) makes an undecided matter. */
function undecided(clause: Clause, h: Hit): boolean {
  const at = clause.aNotA;
  if (at < 0 || h.entry.polarity === 'neutral') return false;
  if (!(h.end === at || h.start === at + 1 || (h.start < at && at < h.end))) return false;
  // The first A of 批不批 starts where the embedder must end before.
  return embeddedAt(clause.functions, h.start > at ? at - (h.end - h.start) : h.start);
}

/** A hit of this kind covers the position. */
function inKind(hits: Hit[], kind: HitKind, at: number): boolean {
  for (const h of hits) if (h.kind === kind && h.start <= at && at < h.end) return true;
  return false;
}

/** A question word (吗, 了没) that is not the 要不要 of an offer (要不要我帮你约). */
function asksOutsideOffer(fn: Hit[]): boolean {
  for (const h of fn) if (h.kind === 'q' && !inKind(fn, 'offer', h.start) && !embeddedAt(fn, h.start)) return true;
  return false;
}

/** An embedder (犹豫, 没想好) shortly before the position: the 批不批 / 要不要 there is undecided, not asked. */
function embeddedAt(fn: Hit[], at: number): boolean {
  for (const h of fn) if (h.kind === 'embed' && h.end <= at && at - h.end <= EMBED_REACH) return true;
  return false;
}

/** A hit of this kind starts at the position. */
function startsKind(hits: Hit[], kind: HitKind, at: number): boolean {
  for (const h of hits) if (h.kind === kind && h.start === at) return true;
  return false;
}

function hasKind(hits: Hit[], kind: HitKind): boolean {
  for (const h of hits) if (h.kind === kind) return true;
  return false;
}

/** An inquiry (摸清楚, 问一下) that a negator does not turn into a statement (还没摸清楚). */
function asks(clause: Clause): boolean {
  for (const h of clause.functions) {
    if (h.kind !== 'inquiry') continue;
    let negated = false;
    for (const n of clause.functions) if ((n.kind === 'neg' || n.kind === 'pending') && n.end <= h.start && h.start - n.end <= 1) negated = true;
    if (!negated) return true;
  }
  return false;
}

/**
 * A manager's 摸一下 covers its clause and the ones after it in the sentence (竞品情况摸一下，看看还有谁在跟);
 * a bare inquiry clause at the end (……最低价中标，搞清楚) covers the ones before it.
 */
function inquiresAbout(clauses: Clause[], ci: number): boolean {
  const sentence = clauses[ci]!.sentence;
  for (let k = ci; k >= 0 && clauses[k]!.sentence === sentence; k--) if (asks(clauses[k]!)) return true;
  for (let k = ci + 1; k < clauses.length && clauses[k]!.sentence === sentence; k++) {
    let names = false;
    for (const h of clauses[k]!.content) if (h.kind !== 'cue') names = true;
    if (!names && asks(clauses[k]!)) return true;
  }
  return false;
}

export function createExtractor(lexicon: CompiledLexicon, segmenter: Segmenter) {
  const { categories, naming } = lexicon;
  const { charIds, base: trieBase, check: trieCheck, entries: entriesAt } = lexicon.trie;
  const twoCharNegators = [...lexicon.negationWords].filter((w) => w.length === 2);
  // 经理：… as typed, and the tags forwarded minutes and chat exports put in front (【经理】, [主管]).
  const managerLineStarts = lexicon.managerPrefixes.flatMap((p) => [`${p}:`, `【${p}】`, `[${p}]`]);
  // Per code unit, the macros (one bit each, the first 32) that cannot match without it: a line
  // runs only the macros one of whose required characters it has. Others always run.
  const macroNeeds = new Uint32Array(0x10000);
  let alwaysRun = 0;
  lexicon.macros.forEach((m, mi) => {
    if (mi >= 32) return;
    if (m.required === null) alwaysRun |= 1 << mi;
    else for (const c of m.required) macroNeeds[c]! |= 1 << mi;
  });
  // A macro whose first set passes may need further sets (王总拍板: a title and a verb as well as
  // a surname): one bit per such set (the first 31), checked only for the macros about to run.
  const alsoNeeds = new Uint32Array(0x10000);
  const alsoMask = new Int32Array(Math.min(lexicon.macros.length, 32));
  let alsoBit = 0;
  lexicon.macros.forEach((m, mi) => {
    if (mi >= 32) return;
    for (const set of m.alsoRequired) {
      if (alsoBit >= 31) return;
      for (const c of set) alsoNeeds[c]! |= 1 << alsoBit;
      alsoMask[mi]! |= 1 << alsoBit;
      alsoBit += 1;
    }
  });

  /** True when the line contains something that could name a category; otherwise skip it. */
  function mayName(text: string): boolean {
    if (containsAnyWord(naming.heads, text)) return true;
    for (const re of naming.macros) if (re.test(text)) return true;
    return false;
  }

  /**
   * Word boundaries: 1 where a word starts or ends, 0 inside one. Latin/digit runs stay whole and
   * negators are split off. What the characters alone settle is filled in at once: the edges of
   * Latin/digit runs, and cuts no dictionary word spans (Segmenter.mayJoin). The rest is UNKNOWN
   * until `boundaryAt` asks for one; then the piece of line around it, between two such cuts, is
   * segmented. Matches ask only at their edges, so most of a line is never segmented.
   */
  function boundaries(text: string): Uint8Array {
    const n = text.length;
    const b = new Uint8Array(n + 1);
    b[0] = 1;
    b[n] = 1;
    const mayJoin = segmenter.mayJoin;
    let prev = isAlnumCode(text.charCodeAt(0));
    let left = text.charCodeAt(0);
    for (let i = 1; i < n; i++) {
      const right = text.charCodeAt(i);
      const cur = isAlnumCode(right);
      b[i] = prev ? (cur ? 0 : 1) : cur ? 1 : mayJoin && !mayJoin.call(segmenter, left, right) ? 1 : UNKNOWN;
      prev = cur;
      left = right;
    }
    return b;
  }

  /** The boundary value at `i`, segmenting the piece around it the first time it is not settled. */
  function boundaryAt(text: string, b: Uint8Array, i: number): number {
    const v = b[i]!;
    if (v !== UNKNOWN) return v;
    segmentPiece(text, b, i);
    return b[i]!;
  }

  /**
   * Segments the piece of `text` around position `i` that lies between two cuts the segmenter
   * always makes (or the whole line, without mayJoin): jieba's best path must pass through such
   * a cut, so the piece is segmented as it would be within the line. Fills the piece's UNKNOWN
   * values; the values the characters settled (Latin/digit edges) stay, as they override jieba's.
   */
  function segmentPiece(text: string, b: Uint8Array, i: number): void {
    const n = text.length;
    let s = 0;
    let e = n;
    const mayJoin = segmenter.mayJoin;
    if (mayJoin) {
      s = i - 1;
      while (s > 0 && mayJoin.call(segmenter, text.charCodeAt(s - 1), text.charCodeAt(s))) s--;
      e = i + 1;
      while (e < n && mayJoin.call(segmenter, text.charCodeAt(e - 1), text.charCodeAt(e))) e++;
    }
    const marks = pieceMarks(text.slice(s, e));
    for (let p = s + 1; p < e; p++) if (b[p] === UNKNOWN) b[p] = marks[p - s]!;
  }

  /** jieba's word ends in `piece` (1 at each, negators split off), by offset from its start. */
  function pieceMarks(piece: string): Uint8Array {
    const marks = new Uint8Array(piece.length + 1);
    let pos = 0;
    for (const tok of segmenter.cut(piece)) {
      if (!piece.startsWith(tok, pos)) {
        marks.fill(1); // the segmenter changed the text (should not happen): fall back to characters
        break;
      }
      // jieba keeps 不确定 or 没通过 whole: split the negator off so the word after it is matched.
      if (tok.length >= 2 && NEGATOR_STARTS.has(tok.charCodeAt(0)) && !lexicon.negationWords.has(tok)) {
        let lead = 1;
        for (const w of twoCharNegators) if (tok.startsWith(w)) lead = 2;
        marks[pos + lead] = 1;
      }
      pos += tok.length;
      marks[pos] = 1;
    }
    return marks;
  }

  /**
   * Where a match may end: on a word boundary, before a verb complement (批了, 卡住), or — for
   * words of two or more characters — anywhere unless it started inside a word too.
   */
  function endOk(text: string, b: Uint8Array, start: number, end: number): boolean {
    if (b[end] === 1) return true;
    if (isAlnumCode(text.charCodeAt(end - 1))) return !isAlnumCode(text.charCodeAt(end));
    if (COMPLEMENTS.has(text.charCodeAt(end))) return true;
    if (end - start >= 2 && b[start] === 1) return true;
    // Not settled by what is known: ask for the values still unknown.
    return boundaryAt(text, b, end) === 1 || (end - start >= 2 && boundaryAt(text, b, start) === 1);
  }

  function findTail(text: string, b: Uint8Array, from: number, tail: string): number {
    const limit = Math.min(text.length, from + GAP_MAX + tail.length);
    const first = tail.charCodeAt(0);
    // A tail starting a word may end inside it when it is Chinese (明年…再 in 再启动).
    // Like a word, a tail of two or more Chinese characters may start inside a word (等领导点头: 领导点头 is one lexicon word).
    const mayStartInside = tail.length >= 2 && !isAlnumCode(first);
    for (let i = from; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (CLAUSE_BREAK.has(c)) return -1;
      // Its first character before the rest: most positions fail there.
      if (c !== first || (!mayStartInside && boundaryAt(text, b, i) !== 1) || i + tail.length > limit) continue;
      if (text.startsWith(tail, i) && (endOk(text, b, i, i + tail.length) || !isAlnumCode(text.charCodeAt(i + tail.length - 1)))) return i;
    }
    return -1;
  }

  function hit(entry: LexEntry, start: number, headEnd: number, tailStart: number, end: number): Hit {
    return { entry, kind: entry.kind, start, end, headEnd, tailStart, clause: -1, dropped: false };
  }

  function scan(text: string, b: Uint8Array, names: readonly TextSpan[]): Hit[] {
    const hits: Hit[] = [];
    const n = text.length;
    let runnable = alwaysRun;
    for (let i = 0; i < n; i++) {
      const first = text.charCodeAt(i);
      runnable |= macroNeeds[first]!;
      // Inside a word only negators (jieba keeps 都还没 whole) and words of two or more Chinese
      // characters (合同 in 签合同) may start; single characters and Latin words need a boundary.
      // Inside a Latin/digit run is settled by the characters; elsewhere it is asked only for a match.
      if (isAlnumCode(first) && b[i] === 0) continue;
      let inside = -1;
      let state = TRIE_ROOT;
      for (let j = i; j < n; ) {
        const next = trieBase[state]! + charIds[text.charCodeAt(j)]!;
        // A character of no entry (id 0) leads nowhere: children have ids from 1.
        if (trieCheck[next] !== state) break;
        state = next;
        j += 1;
        const found = entriesAt[state];
        if (found !== undefined && endOk(text, b, i, j)) {
          const inName = withinAny(names, i, j);
          for (let k = 0; k < found.length; k++) {
            const e = found[k]!;
            if (inName && !namesItself(e)) continue;
            if (e.head.length < 2 && !(e.kind === 'neg' && NEGATOR_CHARS.has(first))) {
              if (inside < 0) inside = boundaryAt(text, b, i) === 0 ? 1 : 0;
              if (inside) continue;
            }
            if (!e.tail) hits.push(hit(e, i, j, j, j));
            else {
              const t = findTail(text, b, j, e.tail);
              if (t >= 0 && (namesItself(e) || !withinAny(names, t, t + e.tail.length))) hits.push(hit(e, i, j, t, t + e.tail.length));
            }
          }
        }
      }
    }
    let present = -1;
    for (let mi = 0; mi < lexicon.macros.length; mi++) {
      if (mi < 32 && (runnable & (1 << mi)) === 0) continue;
      const also = mi < 32 ? alsoMask[mi]! : 0;
      if (also !== 0) {
        if (present < 0) {
          present = 0;
          for (let i = 0; i < n; i++) present |= alsoNeeds[text.charCodeAt(i)]!;
        }
        if ((present & also) !== also) continue;
      }
      const m = lexicon.macros[mi]!;
      m.re.lastIndex = 0;
      for (let r = m.re.exec(text); r; r = m.re.exec(text)) {
        const s = r.index;
        const e = s + r[0].length;
        if (e === s) {
          m.re.lastIndex += 1;
          continue;
        }
        const inName = withinAny(names, s, e);
        if (inName && !m.entries.some(namesItself)) continue;
        // Names stick to the word before them (一下张总): a macro may start inside a word when it ends on a boundary.
        if (boundaryAt(text, b, s) ? !endOk(text, b, s, e) : !boundaryAt(text, b, e) || isAlnumCode(text.charCodeAt(s - 1))) continue;
        for (const entry of m.entries) if (!inName || namesItself(entry)) hits.push(hit(entry, s, e, e, e));
      }
    }
    return hits;
  }

  /**
   * A hit strictly inside a longer one (head or tail span) is dropped when the longer one speaks
   * for it: a function word inside a longer function word (没有 in 有没有, 不 in 不错), a match
   * inside a longer match of the same category (预算 in 没有预算), a topic word inside another
   * category's topic word or phrase (采购 in 采购申请). A topic term inside a cue stays (合同 in
   * 签合同 still names the contract). Negators inside a category's own phrase are ignored for
   * that category only (see negations).
   */
  function dropContained(hits: Hit[]): void {
    for (const h of hits) {
      if (h.kind === 'exclude') continue;
      const len = h.headEnd - h.start;
      const hContent = h.entry.isContent;
      const hTopic = h.entry.isTopic;
      for (const k of hits) {
        // Spans first: most hits contain no other one, and a hit inside k (head or tail) starts
        // no earlier and ends its head no later than k.
        if (k.start > h.start || k.end < h.headEnd) continue;
        // A head…tail entry also speaks for a plain word that is its head or its tail (排期…出来 over
        // 排期, 总那边…点头 over 点头).
        const gapOver = k.tailStart > k.headEnd && h.end === h.headEnd;
        const inHead = k.start <= h.start && h.headEnd <= k.headEnd && (k.headEnd - k.start > len || gapOver);
        const inTail = k.tailStart < k.end && k.tailStart <= h.start && h.headEnd <= k.end && (k.end - k.tailStart > len || gapOver);
        if ((!inHead && !inTail) || k.kind === 'exclude' || k.entry.isContent !== hContent) continue;
        // "Not yet" and passive markers are a layer of their own: 一直没 does not hide the negator 没.
        if ((k.kind === 'pending' || k.kind === 'passive') && h.kind !== 'pending' && h.kind !== 'passive') continue;
        if (hContent) {
          const swallowsTopic = hTopic && k.kind !== 'cue';
          const sameCategory = k.entry.category === h.entry.category && !(hTopic && k.kind === 'cue');
          if (!swallowsTopic && !sameCategory) continue;
        }
        h.dropped = true;
        break;
      }
    }
    // Other senses (预算一下 = estimate): this category's matches inside an exclusion do not count,
    // except a longer plain phrase of the category that holds the whole exclusion (准备多少钱 over 多少钱).
    for (const ex of hits) {
      if (ex.kind !== 'exclude') continue;
      for (const h of hits) {
        if (!h.entry.isContent || h.entry.category !== ex.entry.category || h.start >= ex.end || ex.start >= h.end) continue;
        if (h.kind === 'phrase' && !h.entry.tail && h.start <= ex.start && ex.end <= h.end && h.end - h.start > ex.end - ex.start) continue;
        h.dropped = true;
      }
    }
  }

  function splitClauses(text: string, hits: Hit[], aNotA: number): Clause[] {
    // Most lines have no contrast word: no Set for them.
    let contrastAt: Set<number> | null = null;
    for (const h of hits) if (h.kind === 'contrast' && !h.dropped) (contrastAt ??= new Set()).add(h.start);
    const clauses: Clause[] = [];
    let start = 0;
    let sentence = 0;
    let contrast = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (contrastAt !== null && contrastAt.has(i)) {
        if (i > start) pushClause(clauses, text, start, i, sentence, contrast, 0, aNotA);
        start = i;
        contrast = true;
        continue;
      }
      const between = DOT_OR_COLON.has(c) && isAlnumCode(text.charCodeAt(i - 1)) && isAlnumCode(text.charCodeAt(i + 1));
      // A space between Chinese words (where an emoji stood: 验收通过✅ 首付款到了) separates clauses; between Latin words it does not.
      const spaceBreak = c === SPACE && i > 0 && !isAlnumCode(text.charCodeAt(i - 1)) && !isAlnumCode(text.charCodeAt(i + 1));
      if ((CLAUSE_BREAK.has(c) && !between) || spaceBreak) {
        pushClause(clauses, text, start, i, sentence, contrast, c, aNotA);
        start = i + 1;
        contrast = false;
        if (SENTENCE_BREAK.has(c)) sentence += 1;
      }
    }
    pushClause(clauses, text, start, text.length, sentence, contrast, 0, aNotA);
    // A sentence's clauses are adjacent: one pass marks those of sentences that ask.
    for (let from = 0; from < clauses.length; ) {
      let to = from;
      let asks = false;
      for (; to < clauses.length && clauses[to]!.sentence === clauses[from]!.sentence; to++) if (clauses[to]!.endsWithQuestion) asks = true;
      if (asks) for (let k = from; k < to; k++) clauses[k]!.sentenceAsks = true;
      from = to;
    }
    return clauses;
  }

  /** How many negators govern the target (不是没有预算 → 2), ignoring those inside its own category's words. */
  function negations(text: string, target: Hit, own: Hit[], negators: Hit[]): number {
    // A cue that carries its own negation (就不签) is flipped only by a negator right before it.
    let selfNegated = false;
    for (let i = target.start; i < target.headEnd; i++) if (NEGATOR_STARTS.has(text.charCodeAt(i))) selfNegated = true;
    // …or by 没(有)说 before it (没说不考虑别家: not ruling out is not ruling out); 不是说没钱，是… stays as it was.
    const saidNot = text.charCodeAt(target.start - 1) === SAY && NOT_SAID.has(text.charCodeAt(target.start - 2));
    let reach = selfNegated ? (saidNot ? 1 : 0) : NEG_REACH;
    let pos = target.start;
    let count = 0;
    let rhetorical = false;
    for (;;) {
      let found: Hit | undefined;
      for (const n of negators) {
        // 不能 straddling 能接受 (jieba keeps 不能 whole) negates the word it overlaps.
        const straddles = pos === target.start && n.start < pos && n.end > pos && n.end <= target.end && !selfNegated;
        if ((n.end > pos && !straddles) || pos - n.end > reach || (found && n.end <= found.end)) continue;
        let inOwn = false;
        for (const h of own) if (h.start <= n.start && n.end <= h.end) inOwn = true;
        if (!inOwn) found = n;
      }
      if (!found) break;
      let blocked = false;
      for (const h of own) if (h !== target && h.start >= found.end && h.end <= pos) blocked = true;
      if (blocked) break;
      count += 1;
      if (found.kind === 'rneg') rhetorical = true;
      pos = found.start;
      reach = 1;
    }
    // A negator in the gap of a head…tail entry negates it (钱一直不打过来 against 钱…打过来).
    if (target.tailStart > target.headEnd) {
      for (const n of negators) {
        if (n.start < target.headEnd || n.end > target.tailStart) continue;
        let inOwn = false;
        for (const h of own) if (h !== target && h.start <= n.start && n.end <= h.end) inOwn = true;
        if (!inOwn) {
          count += 1;
          break;
        }
      }
    }
    // A potential complement negates the verb before it: 签不下来, 批不了, 谈不成 (not 好不好: A-not-A).
    if ((target.kind === 'cue' || target.kind === 'phrase') && target.entry.polarity !== 'neutral') {
      const m = POTENTIAL_NEGATIVE.exec(text.slice(target.end, target.end + 4));
      if (m && text.charCodeAt(target.end + 1) !== text.charCodeAt(target.end - 1)) count += 1;
    }
    // A rhetorical negator reaches the whole clause before the word: 谁说我们不急 = 急, 难道他们没有预算 = 有.
    if (!rhetorical) for (const n of negators) if (n.kind === 'rneg' && n.end <= pos) return count + 1;
    return count;
  }

  /**
   * A pending negator (还没, 尚未) or a passive (被) within POST_REACH characters after a topic
   * word, with no other content word in between and not part of a positive cue (没问题 is not "not yet").
   */
  function markerAfter(target: Hit, clause: Clause): 'pending' | 'passive' | null {
    for (const k of clause.functions) {
      const kind = k.kind === 'neg' && k.entry.pending ? 'pending' : k.kind;
      if ((kind !== 'pending' && kind !== 'passive') || k.start < target.end || k.start - target.end > POST_REACH) continue;
      let blocked = false;
      for (const c of clause.content) {
        if (c === target) continue;
        if (c.start <= k.start && k.end <= c.end && c.entry.polarity === 'positive') blocked = true; // inside 没问题
        else if (c.start >= target.end && c.end <= k.start) blocked = true; // another word in between
      }
      if (!blocked) return kind;
    }
    return null;
  }

  function evaluateCategory(
    ctx: LineContext,
    ci: number,
    category: SignalCategory,
    settings: CategorySettings,
    carriedIn: boolean,
    question: boolean,
    conditional: boolean,
    negators: Hit[],
  ): ClauseResult | null {
    const clause = ctx.clauses[ci]!;
    const own: Hit[] = [];
    for (const h of clause.content) if (h.entry.category === category) own.push(h);
    let hasStrong = false;
    for (const h of own) if (h.kind === 'term') hasStrong = true;
    let pos = 0;
    let neg = 0;
    // The strongest hit of each direction, and its weight (locals, not objects: this runs per category per clause).
    let positiveHit: Hit | null = null;
    let positiveWeight = 0;
    let negativeHit: Hit | null = null;
    let negativeWeight = 0;
    let neutralHit: Hit | null = null;
    let neutralWeight = 0;
    let strongMention: Hit | null = null;
    let anyMention: Hit | null = null;
    for (const h of own) {
      const n = negations(ctx.text, h, own, negators);
      let p: Polarity | null = null;
      let weight = 0.6;
      if ((h.kind === 'phrase' || h.kind === 'cue') && undecided(clause, h)) {
        // 还在犹豫批不批: the verb of an embedded A-not-A has not happened yet (the category's pending).
        const m = settings.sentiment.pending;
        p = m === 'keep' || m === 'none' ? 'neutral' : m;
      } else if (h.kind === 'phrase' || h.kind === 'cue') {
        p = n % 2 === 1 ? flip(h.entry.polarity!) : h.entry.polarity!;
        // 不是没这个需求 / 也不是不考虑了: a stall denied is no stall; a negative-only category
        // (risk: affirmed negative, negated none) has no positive to flip to.
        if (n % 2 === 1 && p === 'positive' && settings.sentiment.affirmed === 'negative' && settings.sentiment.negated === 'none') continue;
        weight = h.kind === 'phrase' ? 0.9 : hasStrong ? 0.85 : 0.75;
        // 钱得等财政批 / 要等领导点头: waiting for it is its "not yet" (the category's pending).
        if (p === 'positive' && n === 0 && waitsFor(ctx.text, clause, h)) {
          const m = settings.sentiment.pending;
          if (m !== 'keep') p = applyMapping(m, 'neutral');
        }
      } else if (n > 0 && h.kind === 'term') {
        const m = n % 2 === 1 ? settings.sentiment.negated : settings.sentiment.affirmed;
        if (m !== 'keep') p = applyMapping(m, 'neutral');
        weight = 0.8;
      } else if (h.kind === 'term') {
        // 批复还没下来 / 预算被收回: a "not yet" or a passive right after the topic word.
        const after = markerAfter(h, clause);
        const m = after === 'pending' ? settings.sentiment.pending : after === 'passive' ? settings.sentiment.passive : 'keep';
        if (m !== 'keep') {
          p = applyMapping(m, 'neutral');
          weight = 0.75;
        }
      }
      if (p === null) {
        if (h.kind === 'term') strongMention ??= h;
        anyMention ??= h;
        continue;
      }
      if (p === 'neutral') {
        if (!neutralHit || weight > neutralWeight) {
          neutralHit = h;
          neutralWeight = weight;
        }
      } else if (p === 'positive') {
        pos += 1;
        if (!positiveHit || weight > positiveWeight) {
          positiveHit = h;
          positiveWeight = weight;
        }
      } else {
        neg += 1;
        if (!negativeHit || weight > negativeWeight) {
          negativeHit = h;
          negativeWeight = weight;
        }
      }
    }

    let sentiment: Polarity | null = null;
    let decisive: Hit | null = null;
    let confidence = 0.6;
    const cued = pos + neg > 0;
    let neutralCue = false;
    if (cued) {
      // A tie (预算有，但只有15万) reads as the more cautious one.
      sentiment = pos > neg ? 'positive' : 'negative';
      decisive = pos > neg ? positiveHit : negativeHit;
      confidence = pos > neg ? positiveWeight : negativeWeight;
    } else if (neutralHit) {
      sentiment = 'neutral';
      decisive = neutralHit;
      confidence = neutralWeight - 0.1;
      neutralCue = (neutralHit.kind === 'cue' || neutralHit.kind === 'phrase') && neutralHit.entry.polarity === 'neutral' && (UNDECIDED.test(neutralHit.entry.text) || (neutralHit.kind === 'phrase' && RULES.test(neutralHit.entry.text)));
    } else if (anyMention && !ctx.jokeLine && (strongMention || ctx.strongInLine.has(category) || (clause.sentenceAsks && namedStronglyInSentence(ctx.clauses, clause.sentence, category)))) {
      sentiment = applyMapping(settings.sentiment.mentioned, 'neutral');
      decisive = strongMention ?? anyMention;
    }
    if (sentiment === null || !decisive) return null;

    const fn = clause.functions;
    // 怎么还没批？/ 到现在都说不清楚？: a question that presupposes a "not yet" (还没, 都不) and does
    // not ask whether (no 吗, no 批没批) reproaches; the blocker stands.
    const reproach = question && sentiment === 'negative' && cued && !clause.endsWithMa && clause.aNotA < 0 && !hasKind(fn, 'q') && NOT_YET_REPROACH.test(ctx.text.slice(clause.start, clause.end));
    // 首付款能不能晚两周？: a negative cue or phrase that holds its own 能不能 is a request (to delay, to
    // cut), not a question about the matter; the question does not make it neutral.
    const request = question && sentiment === 'negative' && (decisive.kind === 'phrase' || decisive.kind === 'cue') && REQUEST.test(decisive.entry.text);
    if (question && !reproach && !request) sentiment = applyMapping(settings.sentiment.question, sentiment);
    // A modal after a cue or phrase that decided a direction belongs to what follows (领导同意先做POC: the approval is given).
    if (sentiment && modalGoverns(fn, decisive, cued)) sentiment = applyMapping(settings.sentiment.modal, sentiment);
    // A category that drops conditional results (要是能便宜两成就签) still keeps a negative one: a
    // threat or ultimatum under a condition (那条不改的话就签不了) is a blocker already.
    if (sentiment && conditional && !(settings.sentiment.conditional === 'none' && sentiment === 'negative' && cued)) {
      const threat = sentiment === 'negative' && cued && settings.sentiment.conditionalNegative !== undefined;
      sentiment = applyMapping(threat ? settings.sentiment.conditionalNegative! : settings.sentiment.conditional, sentiment);
    }
    if (sentiment && ctx.managerLine && hasKind(fn, 'directive')) sentiment = applyMapping(settings.sentiment.directive, sentiment);
    // A manager's question (问下客户急不急) only asks: neutral whatever the category (GUIDELINE).
    if (sentiment && ctx.managerLine && (question || conditional)) sentiment = 'neutral';
    if (sentiment && ctx.ownSide && hasKind(fn, 'self')) sentiment = applyMapping(settings.sentiment.ownSide, sentiment);
    if (sentiment === null) return null;

    if (hasKind(fn, 'hedge')) confidence -= 0.15;
    if (carriedIn) confidence -= 0.05;
    if (question) confidence -= 0.05;
    return {
      category,
      sentiment,
      confidence: Math.max(0.3, Math.min(0.99, Math.round(confidence * 100) / 100)),
      clause: ci,
      contrast: clause.contrast,
      cued,
      carried: carriedIn,
      neutralCue: neutralCue && sentiment === 'neutral',
      decisive: pickTerm(own, decisive),
    };
  }

  function extract(raw: string, options: ExtractOptions = {}): Signal[] {
    return extractNormalized(normalizeText(raw), options);
  }

  /** Same as extract, for callers that normalised the text already (ingest uses it for attribution too). */
  function extractNormalized(normalized: NormalizedText, options: ExtractOptions = {}): Signal[] {
    const text = clip(normalized.match);
    if (!text || !mayName(text)) return [];
    const b = boundaries(text);
    const hits = scan(text, b, options.names ?? NO_SPANS);
    // The 不 of 急不急 / 签没签 negates nothing, and 不着急 read from inside 着不着急 is not said.
    const aNotA = findANotA(text);
    // 批了没 / 签了没有 ask at the end of a clause; 说了没预算 states a "no" of the word after it.
    // (Both filters in place: no copy of the hits.)
    let kept = 0;
    let anyContent = false;
    for (const h of hits) {
      if (aNotA >= 0 && h.kind !== 'exclude' && h.start === aNotA && (h.entry.isContent || h.kind === 'neg' || h.kind === 'pending')) continue;
      if (h.kind === 'q' && TRAILING_NOT.test(h.entry.text) && isCjkCode(text.charCodeAt(h.end)) && !FINAL_PARTICLES.has(text.charCodeAt(h.end))) continue;
      if (h.entry.isContent && h.kind !== 'exclude' && quotedName(text, h)) continue;
      hits[kept++] = h;
      if (h.entry.isContent) anyContent = true;
    }
    hits.length = kept;
    if (!anyContent) return [];
    dropContained(hits);

    const clauses = splitClauses(text, hits, aNotA);
    // 用友/金蝶 next to integration words are the customer's systems, not competitors.
    let hasIntegration = false;
    for (const h of hits) {
      if (h.dropped) continue;
      h.clause = clauseAt(clauses, h.start);
      // A weak IT word flagged integrationWithSystem (对接) names an integration next to a system vendor too (对接他们的钉钉).
      if (h.entry.category === 'it_integration' && (h.kind === 'term' || (h.kind === 'weak' && h.entry.withSystem))) hasIntegration = true;
    }
    // …unless the vendor is ruled out in a clause of its own (不考虑华为云了，但要对接AD域): a
    // positive competitor cue there, and no integration word, keeps it a competitor.
    let ruledOut: Set<number> | null = null;
    if (hasIntegration) {
      ruledOut = new Set();
      for (const h of hits) if (!h.dropped && h.kind === 'cue' && h.entry.category === 'competitor' && h.entry.polarity === 'positive') ruledOut.add(h.clause);
      for (const h of hits) if (!h.dropped && h.entry.category === 'it_integration' && (h.kind === 'term' || (h.kind === 'weak' && h.entry.withSystem))) ruledOut.delete(h.clause);
    }
    let jokeLine = false;
    const strongInLine = new Set<SignalCategory>();
    for (const h of hits) {
      if (h.dropped || h.clause < 0) continue;
      if (h.entry.isContent) {
        // …and the system named makes the weak integration word (对接) a mention of it_integration.
        if (ruledOut !== null && h.entry.system && !ruledOut.has(h.clause)) {
          strongInLine.add('it_integration');
          continue;
        }
        clauses[h.clause]!.content.push(h);
        // A sentence that ends with a question mark only asks about its topic (招标流程是怎样的？): its
        // strong word does not establish the topic that a bare weak word elsewhere could lean on
        // (…？我们第一次采购这类系统 is no tender under way); it supports weak words of its own sentence only.
        if ((h.kind === 'term' || h.kind === 'phrase') && !clauses[h.clause]!.sentenceAsks) strongInLine.add(h.entry.category!);
      } else {
        clauses[h.clause]!.functions.push(h);
        if (h.kind === 'joke') jokeLine = true;
      }
    }
    const ctx: LineContext = {
      text,
      clauses,
      managerLine: options.speakerRole === 'manager' || options.speakerRole === 'admin' || startsWithAny(text, managerLineStarts) || opensWithDirective(text, hits),
      ownSide: options.ownSide ?? false,
      jokeLine,
      strongInLine,
    };

    const results: ClauseResult[] = [];
    // Category lists below are short arrays in first-seen order (the order results are made in):
    // cheaper than Sets for a dozen categories.
    let carried: SignalCategory[] = [];
    let sentence = -1;
    let competitorBefore = false;
    for (let ci = 0; ci < clauses.length; ci++) {
      if (ci > 0 && !competitorBefore && namesStrongly(clauses[ci - 1]!, 'competitor')) competitorBefore = true;
      const clause = clauses[ci]!;
      if (clause.sentence !== sentence) {
        // A reply to a question that names nothing but a verdict continues the question's topic
        // (啥时候定？真说不好 → the date is uncertain); a sentence naming anything starts afresh.
        let onlyCues = true;
        for (const h of clause.content) if (h.kind !== 'cue') onlyCues = false;
        // An instruction or a further question after it (……？搞清楚) is not a reply.
        const replies = onlyCues && !clause.endsWithQuestion && !hasKind(clause.functions, 'inquiry') && !hasKind(clause.functions, 'directive');
        if (ci === 0 || !clauses[ci - 1]!.endsWithQuestion || !replies) carried = [];
        sentence = clause.sentence;
      }
      if (clause.content.length === 0) continue;
      // Categories named here (terms or phrases). A clause with cues but no topic word continues
      // the previous clause of the sentence: 纷享销客他们试过了，不满意 → 不满意 is about the competitor.
      const named: SignalCategory[] = [];
      const topical: SignalCategory[] = [];
      let hasCue = false;
      for (const h of clause.content) {
        const category = h.entry.category!;
        if (h.kind === 'cue') hasCue = true;
        else if (!named.includes(category)) named.push(category);
        if (h.entry.isTopic && !topical.includes(category)) topical.push(category);
      }
      // Weak words of another category (a date, 领导) do not end the thread: 约了下周见面 still
      // continues 新来的CIO很支持我们.
      let strongTopic = false;
      for (const h of clause.content) if (h.kind === 'term') strongTopic = true;
      const fromCarry: SignalCategory[] = [];
      if (!strongTopic && hasCue) for (const c of carried) if (!named.includes(c) && !cuesClaimed(clause, c, named)) fromCarry.push(c);
      if (topical.length > 0) {
        if (!strongTopic) for (const c of carried) if (!topical.includes(c)) topical.push(c);
        carried = topical;
      }

      // Questions, with rhetorical ones (难道…吗, 哪有…, 不是…吗) read as statements.
      const fn = clause.functions;
      const rhetoricalNeg = hasKind(fn, 'rneg');
      const affirmRhetoric = clause.endsWithMa && hasKind(fn, 'raff');
      let sentenceAsks = clause.sentenceAsks;
      // …or a later clause of it asks with a word that needs no question mark (要是跟X比，你们强在哪).
      for (let k = ci + 1; k < clauses.length && clauses[k]!.sentence === clause.sentence; k++) if (asksOutsideOffer(clauses[k]!.functions)) sentenceAsks = true;
      // A manager's 摸一下 covers its clause and the ones after it (竟品情况摸一下，看看还有谁在跟).
      const sentenceInquires = ctx.managerLine && inquiresAbout(clauses, ci);
      // A bare topic fronted before a question (上次说的试用，能不能延长两周？) is what the question asks about.
      const next = ci + 1 < clauses.length ? clauses[ci + 1]! : null;
      const frontedTopic =
        next !== null && next.sentence === clause.sentence && next.endsWithQuestion && !fn.some((h) => h.kind === 'neg' || h.kind === 'rneg') &&
        clause.content.every((h) => h.entry.isTopic || clause.content.some((t) => t.entry.isTopic && t.start === h.start && t.end === h.end));
      // A hypothetical (如果用纷享销客的话，你们比它强在哪？) is part of the question it sets up.
      // 急不急 / 批没批 asks; a manager's 问下 / 探一下 asks too.
      // 要不我安排你们见一面？ offers a meeting: the question mark and the 要不要 of an offer do not
      // ask; a question word outside it still does (要不我帮你问问批了没).
      // 要不要走公开招标，还是能单一来源: a clause opening with 还是 after a question clause of the
      // same sentence is the question's second alternative, and asks too.
      const before = ci > 0 ? clauses[ci - 1]! : null;
      const alternative =
        before !== null && before.sentence === clause.sentence && ALTERNATIVE.test(text.slice(clause.start, clause.end)) && (asksOutsideOffer(before.functions) || before.aNotA >= 0);
      const question =
        !rhetoricalNeg &&
        (alternative ||
        !affirmRhetoric &&
        ((clause.endsWithQuestion && !hasKind(fn, 'offer')) ||
          (clause.aNotA >= 0 && !inKind(fn, 'offer', clause.aNotA) && !embeddedAt(fn, clause.aNotA - 1)) ||
          asksOutsideOffer(fn) ||
          (ctx.managerLine && sentenceInquires) ||
          ((hasKind(fn, 'qweak') || hasKind(fn, 'cond')) && sentenceAsks) ||
          // Speech-to-text drops the question mark: a question word in the line's last clause,
          // closed by 呢 or 啊 (什么时候能定下来啊, 跟X比有什么优势呢), asks all the same. Round 23.
          (hasKind(fn, 'qweak') && ci === clauses.length - 1 && !clause.endsWithQuestion && ASKING_PARTICLES.has(lastCodeOf(text, clause.start, clause.end))) ||
          frontedTopic));
      // In 不是…吗 rhetoric the negator where a rhetorical affirmation starts affirms.
      const negators: Hit[] = [];
      for (const h of fn) if ((h.kind === 'neg' || h.kind === 'rneg') && !(affirmRhetoric && startsKind(fn, 'raff', h.start))) negators.push(h);
      // 要是能便宜两成，月底就能签: a condition also governs the clause right after it.
      const prev = ci > 0 ? clauses[ci - 1]! : null;
      const conditional = hasKind(fn, 'cond') || (prev !== null && prev.sentence === clause.sentence && !clause.contrast && hasKind(prev.functions, 'cond')) || demandThen(text, clauses, ci);

      // 原来用的是X，合同到期不续了: the clause says what the customer does with that vendor, in
      // words that rule the contract out (excludedBy); they speak for the competitor instead.
      if (competitorBefore && !named.includes('competitor') && !fromCarry.includes('competitor')) {
        for (const c of named) if (categories.get(c)?.notWith.includes('competitor') && ownCompetitorCue(clause, c)) {
          fromCarry.push('competitor');
          break;
        }
      }
      const evaluated = fromCarry.length === 0 ? named : named.concat(fromCarry);
      for (const category of evaluated) {
        const settings = categories.get(category);
        if (!settings) continue;
        // Only a strong word of the other category rules this one out (采购 alone does not make a tender).
        if (settings.notWith.length > 0 && excludedBy(clause, category, settings.notWith, competitorBefore, text) && !(category === 'timeline' && deferredAYear(text, clause))) {
          // …and the clauses after it do not continue it (别家的试用版他们也装了，说比我们顺手: the trial is theirs).
          const at = carried.indexOf(category);
          if (at >= 0) carried.splice(at, 1);
          continue;
        }
        const isNamed = named.includes(category);
        if (isNamed && (personCuesClaimed(clause, category) || reactsTo(text, clause, category))) continue;
        const r = evaluateCategory(ctx, ci, category, settings, !isNamed, question, conditional, negators);
        if (r) results.push(r);
      }
    }
    answerBareTopics(clauses, results);
    // 这次是比选，不是招标 / 不是公开招标，是竞争性谈判: 不是 corrects which kind it is; the clause
    // beside it that says what it is (是…) keeps the category, so the corrected one is dropped.
    for (let i = results.length - 1; i >= 0; i--) {
      const r = results[i]!;
      const own = clauses[r.clause]!;
      if (r.sentiment !== 'negative' || !CORRECTION.test(text.slice(own.start, own.end))) continue;
      const beside = results.some((o) => {
        if (o === r || o.category !== r.category || o.sentiment === 'negative' || Math.abs(o.clause - r.clause) !== 1) return false;
        const c = clauses[o.clause]!;
        return c.sentence === own.sentence && IS_CLAUSE.test(text.slice(c.start, c.end));
      });
      if (beside) results.splice(i, 1);
    }
    // 钱要等明年财政批 / 预算领导批了: an approval in the budget's own clause is the budget's (GUIDELINE: 预算批了 is budget only).
    for (let i = results.length - 1; i >= 0; i--) {
      const r = results[i]!;
      if (r.category !== 'approval') continue;
      for (const o of results) if (o.category === 'budget' && o.clause === r.clause && !o.carried) {
        // …and its verdict is the budget's when nothing else said which way (经费要等局里批: not there yet).
        if (!o.cued && r.sentiment !== 'neutral') {
          o.sentiment = r.sentiment;
          o.cued = true;
        }
        results.splice(i, 1);
        break;
      }
    }
    // 领导还没定 / 老板同意了: a person's verdict read by both person categories from the same
    // words is the approval's; decision_maker needs words of its own (决策人, 见面, 约到).
    for (let i = results.length - 1; i >= 0; i--) {
      const r = results[i]!;
      if (r.category !== 'decision_maker' || r.decisive.kind !== 'cue') continue;
      for (const o of results) if (o.category === 'approval' && o.clause === r.clause && o.decisive.kind === 'cue' && o.decisive.start === r.decisive.start && o.decisive.end === r.decisive.end) {
        results.splice(i, 1);
        break;
      }
    }
    // 我们虽然比别家贵一点，但服务好: after a concession that we cost more than the competitor, the
    // clause after 但 praises us; the competitor cues it carries (好) are said of us.
    for (const r of results) {
      if (r.category !== 'competitor' || !r.carried || !r.contrast || r.sentiment === 'neutral' || r.clause === 0) continue;
      const before = clauses[r.clause - 1]!;
      const own = text.slice(clauses[r.clause]!.start, clauses[r.clause]!.end);
      if (before.sentence === clauses[r.clause]!.sentence && US_COMPARED.test(text.slice(before.start, before.end)) && !THEY.test(own)) r.sentiment = flip(r.sentiment);
    }
    // 你们的试用版比别家好用 / 我们的报价比用友低: we (or our product) are the subject compared with the
    // competitor, so a competitor cue after the 比 (好用, 低, 差) is said of us: its sentiment turns.
    // Not a phrase that already reads the comparison (你们比…好), nor a cue carried from another clause.
    for (const r of results) {
      if (r.category !== 'competitor' || r.carried || !r.cued || r.sentiment === 'neutral') continue;
      const c = clauses[r.clause]!;
      let phrase = false;
      let ours = false;
      for (const h of c.content) {
        if (h.entry.category !== 'competitor') continue;
        if (h.kind === 'phrase') phrase = true;
        else if (h.kind === 'cue' && h.entry.polarity !== 'neutral' && !OUR_SIDE_CUE.test(h.entry.text) && US_COMPARED_BEFORE.test(text.slice(c.start, h.start))) ours = true;
      }
      if (ours && !phrase) r.sentiment = flip(r.sentiment);
    }
    if (leaderChangeStalls(clauses)) {
      for (let i = results.length - 1; i >= 0; i--) {
        const r = results[i]!;
        if (PERSON_CATEGORIES.has(r.category) && r.decisive.kind !== 'term' && r.decisive.kind !== 'phrase') results.splice(i, 1);
      }
    }
    return choose(results, clip(normalized.display), text, clauses);
  }

  /**
   * A bare topic asked and answered by the speaker (预算？今年没有的。钱？没有): the answer, a "no"
   * naming nothing of its own, negates the topic. The question clause holds topic words only; the
   * answer is the next sentence's first clause, with a negator and no term or phrase.
   */
  function answerBareTopics(clauses: Clause[], results: ClauseResult[]): void {
    for (let ci = 0; ci + 1 < clauses.length; ci++) {
      const q = clauses[ci]!;
      const a = clauses[ci + 1]!;
      if (!q.endsWithQuestion || q.content.length === 0 || q.functions.length > 0 || a.sentence === q.sentence || a.endsWithQuestion) continue;
      if (!q.content.every((h) => h.kind === 'term')) continue;
      if (a.content.some((h) => h.kind === 'term' || h.kind === 'phrase') || !a.functions.some((h) => h.kind === 'neg')) continue;
      if (a.functions.some((h) => h.kind !== 'neg' && h.kind !== 'hedge')) continue;
      for (const r of results) {
        if (r.clause !== ci || r.sentiment !== 'neutral') continue;
        const m = categories.get(r.category)?.sentiment.negated ?? 'keep';
        if (m === 'keep' || m === 'none' || m === 'neutral') continue;
        r.sentiment = m;
        r.cued = true;
      }
    }
  }

  /**
   * One sentiment per category per line: directional beats neutral, a clause after 但 beats one
   * before it, then confidence, then the later clause. A category that yields to others (risk)
   * is dropped when another category explains the line: a negative signal anywhere, or any
   * signal from the same clause.
   */
  function choose(results: ClauseResult[], display: string, text: string, clauses: Clause[]): Signal[] {
    // The best result of each category, in the order categories first appear (a short array, not a Map).
    const chosen: ClauseResult[] = [];
    for (const r of results) {
      const at = indexOfCategory(chosen, r.category);
      if (at < 0) chosen.push(r);
      else if (resultScore(r) >= resultScore(chosen[at]!)) chosen[at] = r;
    }
    // A bare mention's default direction (招标 alone = a tender under way) gives way to the line
    // saying elsewhere that it is not settled yet (招标代理是中化，挂网时间还没定).
    for (let i = 0; i < chosen.length; i++) {
      const cur = chosen[i]!;
      if (cur.cued || cur.sentiment === 'neutral') continue;
      for (const r of results) if (r.category === cur.category && r.neutralCue) chosen[i] = r;
    }
    // A competitor story ends in its outcome: a vendor in play or in use, then ruled out, dropped
    // or beaten by us in a later clause (别家的演示也看了，觉得还是我们的更贴合; 原来用X，想换掉) is positive.
    const rivalAt = indexOfCategory(chosen, 'competitor');
    const rival = rivalAt >= 0 ? chosen[rivalAt]! : null;
    if (rival && rival.sentiment === 'negative') {
      for (const r of results) if (r.category === 'competitor' && r.sentiment === 'positive' && r.cued && r.clause > rival.clause && (!rival.contrast || r.contrast) && !(r.carried && othersIn(results, r, (c) => categories.get(c)?.yieldTo === 'others'))) chosen[rivalAt] = r;
    }
    // Asking when in a hurry (天天问啥时候能用上) is the hurry: no date was named or set.
    const hurry = resultOf(chosen, 'urgency');
    const askedAt = indexOfCategory(chosen, 'timeline');
    if (hurry && askedAt >= 0 && hurry.sentiment === 'positive' && chosen[askedAt]!.sentiment === 'neutral') chosen.splice(askedAt, 1);
    // 说好的月底前定，我看是悬了 / 年前能定下来？我看够呛: a doubt said of the date in a later clause
    // is the date's verdict (timeline/negative); the doubt is no stall of its own.
    const doubtAt = indexOfCategory(chosen, 'risk');
    const doubt = resultOf(chosen, 'risk');
    const date = resultOf(chosen, 'timeline');
    if (doubt && date && date.sentiment !== 'negative' && date.clause < doubt.clause && DOUBT.test(doubt.decisive.entry.text)) {
      if (!results.some((r) => r.clause === doubt.clause && r.category !== 'risk')) {
        date.sentiment = 'negative';
        chosen.splice(doubtAt, 1);
      }
    }
    // A category that yields to others (risk) is judged clause by clause: its chosen result may be a
    // deferral that the date explains (等明年再说), while a stall said in a clause of its own earlier
    // in the line (先暂缓，等明年再说) still stands (explainedByOthers: both stand). Round 23.
    const explained = (r: ClauseResult) => explainedByOthers(r, chosen, results) || putOffToNextYear(r, chosen, text, clauses);
    for (let i = 0; i < chosen.length; i++) {
      const cur = chosen[i]!;
      if (categories.get(cur.category)?.yieldTo !== 'others' || !explained(cur)) continue;
      for (const r of results) if (r !== cur && r.category === cur.category && r.clause !== cur.clause && r.sentiment === cur.sentiment && !explained(r)) chosen[i] = r;
    }
    return chosen
      .filter((r) => categories.get(r.category)?.yieldTo !== 'others' || !explained(r))
      .sort((a, b) => a.decisive.start - b.decisive.start)
      .map((r) => ({
        category: r.category,
        sentiment: r.sentiment as Sentiment,
        term: r.decisive.entry.text.startsWith('{') ? text.slice(r.decisive.start, r.decisive.end) : r.decisive.entry.text,
        confidence: r.confidence,
        quote: quoteAround(display, clauses[r.clause]!, r.decisive),
      }));
  }

  /**
   * The keyword a signal is filed under (the manager's "most mentioned"): the topic term when
   * the clause has one (招标 in 招标流标了), else the phrase (领导还没批), else what decided it.
   */
  function pickTerm(own: Hit[], decisive: Hit): Hit {
    if (decisive.kind === 'term') return decisive;
    return own.find((h) => h.kind === 'term') ?? (decisive.kind === 'phrase' ? decisive : own.find((h) => h.kind === 'phrase')) ?? decisive;
  }

  return {
    extract,
    extractNormalized,
    /** Exposed for tests: the segmenter's view of a normalised line. */
    boundaries,
  };
}

export type Extractor = ReturnType<typeof createExtractor>;

/**
 * A line that opens with an instruction (把决策链理清楚…, 记得…, 务必…) is said to a rep, whoever
 * says it: it instructs like a manager's line and states no fact.
 */
function opensWithDirective(text: string, hits: Hit[]): boolean {
  // 争取这个月定下来 opening a customer's line states their aim (aims in grammar.yaml).
  for (const h of hits) if (h.start === 0 && h.kind === 'aim') return false;
  // 先把决策链摸清楚再报价: a leading 先 ("first") does not make the instruction a statement.
  const at = text.charCodeAt(0) === FIRST ? 1 : 0;
  for (const h of hits) if (h.start === at && h.kind === 'directive' && !h.dropped) return true;
  return false;
}

const NO_SPANS: readonly TextSpan[] = [];

/** The analysed part of a line (no copy of the usual short line). */
function clip(text: string): string {
  return text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
}

const MA = '吗'.charCodeAt(0);
/** White space as String.prototype.trimEnd sees it. */
const TRAILING_SPACE = /\s/;

/** The last character of text.slice(start, end).trimEnd() (-1 when none), without the copies. */
function lastCodeOf(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && TRAILING_SPACE.test(text[e - 1]!)) e -= 1;
  return e > start ? text.charCodeAt(e - 1) : -1;
}

const ASKING_PARTICLES = codes('呢啊');

function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (text.startsWith(p)) return true;
  return false;
}

/** The clause holding the position, or -1 (clauses are in text order). */
function clauseAt(clauses: Clause[], pos: number): number {
  for (let ci = 0; ci < clauses.length; ci++) {
    const c = clauses[ci]!;
    if (pos < c.start) return -1;
    if (pos < c.end) return ci;
  }
  return -1;
}

/** Adds the clause [start, end) unless it is empty. Module-level: the hot loop creates no closures. */
function pushClause(clauses: Clause[], text: string, start: number, end: number, sentence: number, contrast: boolean, breakCode: number, aNotA: number): void {
  if (end <= start) return;
  clauses.push({
    start,
    end,
    sentence,
    contrast,
    endsWithQuestion: QUESTION_MARKS.has(breakCode),
    sentenceAsks: false,
    endsWithMa: lastCodeOf(text, start, end) === MA,
    aNotA: aNotA >= start && aNotA < end ? aNotA : -1,
    content: [],
    functions: [],
  });
}

/** Where the category's result is in the list, or -1. */
function indexOfCategory(list: readonly ClauseResult[], category: SignalCategory): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.category === category) return i;
  return -1;
}

/** The category's result in the list, or null (no read at index -1: that leaves V8's fast path). */
function resultOf(list: readonly ClauseResult[], category: SignalCategory): ClauseResult | null {
  const at = indexOfCategory(list, category);
  return at >= 0 ? list[at]! : null;
}

/**
 * Another category's result was decided by the same words as r (太贵 in 你们太贵了 after a
 * competitor is our price, not theirs); a category that yields to others (risk: 想换掉) does not count.
 */
function othersIn(results: ClauseResult[], r: ClauseResult, yields: (c: SignalCategory) => boolean): boolean {
  for (const o of results) if (o.clause === r.clause && o.category !== r.category && !yields(o.category) && o.decisive.start < r.decisive.end && r.decisive.start < o.decisive.end) return true;
  return false;
}

/**
 * How strongly a clause's result speaks for its category: directional beats neutral, after 但
 * beats before, and between two clauses with directional cues the negative one leads
 * (试用账号开了两周，一个人都没登录过), as a tie does within a clause; then confidence.
 */
function resultScore(r: ClauseResult): number {
  return (r.sentiment !== 'neutral' ? 2 : 0) + (r.contrast ? 1 : 0) + (r.sentiment === 'negative' && r.cued ? NEGATIVE_LEAD : 0) + r.confidence * 0.5;
}

/**
 * Another category explains the line: a negative signal anywhere, or any signal from the same
 * clause. A standalone phrase (投诉) is explained only by a signal in its own clause.
 */
/** 今年就不换了，明年再看: a stall bounded by this year, with the line deferring to next year, is the deferral (timeline) only. */
function putOffToNextYear(r: ClauseResult, chosen: ClauseResult[], text: string, clauses: Clause[]): boolean {
  const own = clauses[r.clause]!;
  if (r.decisive.entry.standalone || !THIS_YEAR.test(text.slice(own.start, own.end))) return false;
  return chosen.some((o) => o.category === 'timeline' && o.sentiment === 'negative' && o.clause !== r.clause && NEXT_YEAR.test(text.slice(clauses[o.clause]!.start, clauses[o.clause]!.end)));
}
function explainedByOthers(r: ClauseResult, chosen: ClauseResult[], results: ClauseResult[]): boolean {
  // A date put off (过完年再碰) or no hurry (没那么急) is no cause of a stall said in a clause of its
  // own (先放一放, 再考虑考虑): both stand. A deferral (等厂房建好再说, 时机不对) is the date's own.
  const stall = !DEFERRAL.test(r.decisive.entry.text);
  if (!r.decisive.entry.standalone) for (const o of chosen) if (o.category !== r.category && o.sentiment === 'negative' && (!stall || !NOT_A_CAUSE.has(o.category) || o.clause === r.clause)) return true;
  for (const o of results) if (o.category !== r.category && o.clause === r.clause) return true;
  return false;
}

/** A short quote around the match, from the display text (Latin case and full-width punctuation kept). */
export function quoteAround(display: string, clause: { start: number; end: number }, hit: { start: number; end: number }, max = 36): string {
  let s = clause.start;
  let e = clause.end;
  while (s < e && EDGE_PUNCT.test(display[s]!)) s += 1;
  while (e > s && EDGE_PUNCT.test(display[e - 1]!)) e -= 1;
  if (e - s <= max) return display.slice(s, e);
  const half = Math.floor((max - (hit.end - hit.start)) / 2);
  const from = Math.max(s, hit.start - half);
  const to = Math.min(e, Math.max(hit.end + half, from + max));
  return `${from > s ? '…' : ''}${display.slice(from, to)}${to < e ? '…' : ''}`;
}
