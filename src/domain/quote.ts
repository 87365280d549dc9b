// Short quotes of chat lines for one-line mentions (cards' 为什么推荐, attribution replies).

/** The line on one line, cut to `max` characters with an ellipsis. */
export function shortQuote(quote: string, max = 18): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length > max ? `${q.slice(0, max - 1)}…` : q;
}
