// Turns chat text into a command name and argument tokens. Tolerates what phones and group
// chats produce: full-width slash and spaces, extra spaces, a leading @mention of the bot.

export interface ParsedCommand {
  /** Name as typed, with the slash normalised to '/', e.g. '/我的漏斗'. */
  name: string;
  args: string[];
  /** Everything after the name, trimmed (for free-text arguments). */
  rest: string;
}

const SPACES = /[\s\u3000\u00a0]+/g;

/** Removes leading @mentions ("@销售雷达 ", "@bot\u2005") so "@bot /funnel" parses. */
export function stripLeadingMentions(text: string): string {
  let t = text.replace(/^[\s\u3000\u00a0\u2005]+/, '');
  while (t.startsWith('@') || t.startsWith('＠')) {
    const m = /^[@＠][^\s\u3000\u00a0\u2005]*[\s\u3000\u00a0\u2005]*/.exec(t);
    if (!m || m[0].length === 0) break;
    t = t.slice(m[0].length);
  }
  return t;
}

export function parseCommand(text: string): ParsedCommand | null {
  const t = stripLeadingMentions(text).trim();
  if (!t.startsWith('/') && !t.startsWith('／')) return null;
  const body = t.slice(1).replace(SPACES, ' ').trim();
  if (!body) return null;
  const space = body.indexOf(' ');
  const head = space === -1 ? body : body.slice(0, space);
  const rest = space === -1 ? '' : body.slice(space + 1).trim();
  return { name: `/${head.toLowerCase()}`, args: rest ? rest.split(' ') : [], rest };
}

// A question to the bot, not a sales conversation: the whole line is an optional request
// (帮我看下), an optional owner (我的, 今天的), a command's topic and an optional ask (怎么样, 够吗,
// 呢). Anything else around the topic (客户问你们的漏斗…) keeps it a conversation. Reps forward what
// customers say, so everyday words (简报 is also a slide deck, 储备 a stock) count only when the
// line says it is the rep's own (我的储备够吗, 帮我看看简报) or is the bare word; product words
// (漏斗, 团队漏斗, 商机储备) count with any ask.
const ASK_REQUEST = '(?:帮我|请|麻烦)?(?:看看|看下|看一下|查查|查下|查一下|查看|给我看看)';
const ASK_ANY_LEAD = `(?:${ASK_REQUEST}|(?:帮我|请|麻烦)?(?:给我|发我|发一下|来个|来一份))?`;
// No 团队的 here: 团队的漏斗 is a topic of its own (the team view), not the owner 团队 and 漏斗.
const ASK_MINE = '(?:我的|我离|我现在的?|我|今天的?|今日的?|本周的?|本月的?)';
// 我们 is what a customer says of themselves too: enough for product words only.
const ASK_ANY_OWNER = `(?:${ASK_MINE}|我们的|我们)?`;
const ASK_TAIL =
  '(?:情况|数据|现在)?(?:怎么样了?|咋样了?|如何|呢|吗|呀|啊|够吗|够不够|够了吗|不够|达标了吗|达标没|还差多少|差多少|还差几个|有多少|多少|是多少|有哪些风险|有什么风险|有哪些|在哪|发我|看看)?(?:啊|呀|呢)?';
const ASK_END = '[?？!！。.~～]*';

/** Longer lines are conversations, whatever they mention. */
const MAX_QUESTION_CHARS = 24;

const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length) // longest first: 团队漏斗 before 漏斗
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');

/**
 * A matcher for questions to the bot: it returns the topic a line asks about (我的漏斗怎么样？ →
 * 漏斗) when the line is nothing but such a question, null otherwise. `productWords` count with any
 * ask; `everydayWords` only after 我的 / 今天的 / 帮我看看, or alone.
 */
export function createQuestionMatcher(productWords: readonly string[], everydayWords: readonly string[] = []): (text: string) => string | null {
  const patterns: RegExp[] = [];
  if (productWords.length) patterns.push(new RegExp(`^${ASK_ANY_LEAD}${ASK_ANY_OWNER}(${alternation(productWords)})${ASK_TAIL}${ASK_END}$`, 'i'));
  if (everydayWords.length) {
    const words = alternation(everydayWords);
    patterns.push(new RegExp(`^(?:${ASK_REQUEST}${ASK_MINE}?|${ASK_MINE})(${words})${ASK_TAIL}${ASK_END}$`, 'i'));
    patterns.push(new RegExp(`^(${words})${ASK_END}$`, 'i'));
  }
  return (text) => {
    // Spaces carry no meaning in a short Chinese question (我的 漏斗).
    const t = stripLeadingMentions(text).replace(/[\s\u3000]+/g, '');
    if (!t || t.length > MAX_QUESTION_CHARS) return null;
    for (const p of patterns) {
      const m = p.exec(t);
      if (m) return m[1]!;
    }
    return null;
  };
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
