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
// (帮我看下), an optional owner (我的, 今天的), a command's topic and an optional ask
// (怎么样, 够吗, 呢). Anything else around the topic (客户问你们的漏斗…) keeps it a conversation.
const ASK_LEAD = '(?:(?:帮我|请|麻烦)?(?:看看|看下|看一下|查查|查下|查一下|查看|给我看看|给我|发我|发一下|来个|来一份)?)';
// No 团队的 here: 团队的漏斗 is a topic of its own (the team view), not the owner 团队 and 漏斗.
const ASK_OWNER = '(?:我的|我们的|我们|我离|我|今天的?|今日的?|本周的?|本月的?)?';
const ASK_TAIL =
  '(?:情况|数据|现在)?(?:怎么样了?|咋样了?|如何|呢|吗|呀|啊|够吗|够不够|够了吗|不够|达标了吗|达标没|还差多少|差多少|有多少|多少|是多少|有哪些风险|有什么风险|有哪些|在哪|发我|看看)?';
const ASK_END = '[\\s?？!！。.~～]*';

/** Longer lines are conversations, whatever they mention. */
const MAX_QUESTION_CHARS = 24;

/**
 * A matcher for questions to the bot: it returns the topic a line asks about (我的漏斗怎么样？ →
 * 漏斗) when the line is nothing but such a question, null otherwise.
 */
export function createQuestionMatcher(topics: readonly string[]): (text: string) => string | null {
  if (topics.length === 0) return () => null;
  // Longest topics first, so 团队漏斗 is not read as the owner 团队 and the topic 漏斗.
  const alternatives = [...topics]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  const question = new RegExp(`^${ASK_LEAD}${ASK_OWNER}(${alternatives})${ASK_TAIL}${ASK_END}$`, 'i');
  return (text) => {
    const t = stripLeadingMentions(text).trim();
    if (!t || t.length > MAX_QUESTION_CHARS) return null;
    return question.exec(t)?.[1] ?? null;
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
