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
