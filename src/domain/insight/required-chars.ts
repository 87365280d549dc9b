// Which characters a regular expression cannot match without: sets such that every match
// contains at least one character of each (UTF-16 code units). A line lacking every character of
// one of them is skipped without running the regex, and most grammar.yaml macros cannot match
// most lines. 王总拍板 needs a surname, a title and a verb: a line must have one of each.
//
// Conservative by construction: what may match anything or nothing (negated classes, \s, \w, .,
// back-references, Unicode properties, lookarounds, optional parts) guarantees nothing; a regex
// that guarantees nothing, or that the analysis does not follow (astral characters, \u{…}),
// gets null: it is always run.

type CharSet = Set<number> | null;
/** Sets a match needs one character of each of (none: it may match anything). */
type Needs = readonly Set<number>[];
const NOTHING: Needs = [];

const DIGITS = '0123456789';
/** Escapes that stand for one character. */
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };

class Unsupported extends Error {}

/**
 * The sets of characters a regex source (written for the `u` flag, no `i`) needs one of each of,
 * smallest first (a smaller set rejects more lines); empty when nothing is required.
 */
export function requiredCharSets(source: string): Set<number>[] {
  try {
    const parser = new Parser(source);
    const needs = parser.disjunction();
    if (parser.pos !== source.length) return [];
    return [...needs].sort((a, b) => a.size - b.size);
  } catch (e) {
    if (e instanceof Unsupported) return [];
    throw e;
  }
}

/** The smallest of some needs (null for none). */
function narrowest(needs: Needs): CharSet {
  let best: CharSet = null;
  for (const set of needs) if (best === null || set.size < best.size) best = set;
  return best;
}

const needsOf = (set: CharSet): Needs => (set === null ? NOTHING : [set]);

function single(code: number): Set<number> {
  return new Set([code]);
}

/** The code unit of a character of the source; half of an astral character (two units) cannot be relied on. */
function codeOf(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported('astral character');
  return code;
}

function codesOf(chars: string): Set<number> {
  return new Set([...chars].map((c) => c.charCodeAt(0)));
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private take(): string {
    const c = this.src[this.pos];
    if (c === undefined) throw new Unsupported('unexpected end');
    this.pos += 1;
    return c;
  }

  private expect(c: string): void {
    if (this.take() !== c) throw new Unsupported(`expected ${c}`);
  }

  /**
   * a|b|c: a match of any alternative needs one of that alternative's characters (its smallest
   * set); one set, their union. A single alternative keeps all its sets.
   */
  disjunction(): Needs {
    const first = this.alternative();
    if (this.peek() !== '|') return first;
    let union = narrowest(first);
    while (this.peek() === '|') {
      this.pos += 1;
      const next = narrowest(this.alternative());
      union = union === null || next === null ? null : new Set([...union, ...next]);
    }
    return needsOf(union);
  }

  /** abc: every term is matched, so the whole needs what each term needs. */
  private alternative(): Needs {
    const needs: Set<number>[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) needs.push(...this.term());
    return needs;
  }

  private term(): Needs {
    const c = this.peek()!;
    if (c === '^' || c === '$') {
      this.pos += 1;
      return NOTHING;
    }
    const atom = this.atom();
    const min = this.quantifierMin();
    return min === 0 ? NOTHING : atom;
  }

  /** The least number of repetitions of the quantifier after an atom (1 without one). */
  private quantifierMin(): number {
    const c = this.peek();
    let min = 1;
    if (c === '*' || c === '?') {
      this.pos += 1;
      min = 0;
    } else if (c === '+') this.pos += 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Unsupported('bad quantifier');
      this.pos += m[0].length;
      min = Number(m[1]);
    } else return 1;
    if (this.peek() === '?') this.pos += 1; // lazy
    return min;
  }

  private atom(): Needs {
    const c = this.take();
    if (c === '(') return this.group();
    if (c === '[') return needsOf(this.charClass());
    if (c === '.') return NOTHING;
    if (c === '\\') {
      // \b and \B are assertions here (a backspace only inside a class).
      if (this.peek() === 'b' || this.peek() === 'B') {
        this.pos += 1;
        return NOTHING;
      }
      return needsOf(this.escape());
    }
    if (')]{}*+?|'.includes(c)) throw new Unsupported(`unexpected ${c}`);
    return [single(codeOf(c))];
  }

  private group(): Needs {
    if (this.src.startsWith('?:', this.pos)) {
      this.pos += 2;
    } else if (/^\?<?[=!]/.test(this.src.slice(this.pos))) {
      // A lookaround consumes nothing of the match.
      this.pos += this.src[this.pos + 1] === '<' ? 3 : 2;
      this.disjunction();
      this.expect(')');
      return NOTHING;
    } else if (this.src.startsWith('?<', this.pos)) {
      const end = this.src.indexOf('>', this.pos);
      if (end < 0) throw new Unsupported('bad group name');
      this.pos = end + 1;
    } else if (this.peek() === '?') throw new Unsupported('unknown group');
    const inner = this.disjunction();
    this.expect(')');
    return inner;
  }

  /** After a backslash: one character (\n, \u4e00, \.), the digits (\d), or null for what may be anything (\s, \w, \p{…}, \1). */
  private escape(): CharSet {
    const c = this.take();
    if (c === 'd') return codesOf(DIGITS);
    if ('DsSwW'.includes(c)) return null;
    if (c === 'p' || c === 'P' || c === 'k') {
      const m = /^(?:\{[^}]*\}|<[^>]*>)/.exec(this.src.slice(this.pos));
      if (!m) throw new Unsupported(`bad \\${c}`);
      this.pos += m[0].length;
      return null;
    }
    if (/[1-9]/.test(c)) {
      while (/\d/.test(this.peek() ?? '')) this.pos += 1;
      return null; // a back-reference may match the empty string
    }
    if (c in CONTROL_ESCAPES) return single(CONTROL_ESCAPES[c]!.charCodeAt(0));
    if (c === 'b') return single(0x08); // inside a class
    if (c === 'u' || c === 'x') {
      const m = (c === 'u' ? /^[0-9a-fA-F]{4}/ : /^[0-9a-fA-F]{2}/).exec(this.src.slice(this.pos));
      if (!m) throw new Unsupported(`\\u{…} or a bad \\${c} escape`);
      this.pos += m[0].length;
      return single(codeOf(String.fromCharCode(parseInt(m[0], 16))));
    }
    // Under `u` only syntax characters (and / and -) may be escaped as themselves.
    if ('^$\\.*+?()[]{}|/-'.includes(c)) return single(c.charCodeAt(0));
    throw new Unsupported(`escape \\${c}`);
  }

  /** [abc], [a-z], [\d.]: any one of them; a negated class, or one with \s or \w, guarantees nothing. */
  private charClass(): CharSet {
    const negated = this.peek() === '^';
    if (negated) this.pos += 1;
    let set: Set<number> | null = new Set<number>();
    while (this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']') {
        this.pos += 1;
        const to = this.classAtom();
        if (from === null || from.size !== 1 || to === null || to.size !== 1) throw new Unsupported('bad range');
        const [lo] = from;
        const [hi] = to;
        if (hi! < lo!) throw new Unsupported('bad range');
        for (let code = lo!; code <= hi! && set; code++) set.add(code);
      } else if (from === null) set = null;
      else if (set) for (const code of from) set.add(code);
    }
    this.expect(']');
    return negated ? null : set;
  }

  private classAtom(): CharSet {
    const c = this.take();
    if (c === '\\') return this.escape();
    return single(codeOf(c));
  }
}
