// Reads keywords/*.yaml (grammar.yaml, competitors.yaml and one file per signal category),
// validates each with zod, and refuses the whole lexicon with "file:line: reason" lines when
// anything is wrong, so a typo by sales operations never starts a silently weaker extractor.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import {
  categoryFileSchema,
  compileLexicon,
  competitorsFileSchema,
  grammarFileSchema,
  type CategoryFile,
  type CompiledLexicon,
  type CompetitorsFile,
  type GrammarFile,
} from '../domain/insight/lexicon.ts';
import { SIGNAL_CATEGORIES } from '../domain/insight/signal.ts';
import { ConfigError } from '../config.ts';

export const DEFAULT_KEYWORDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'keywords');

/** A ConfigError, so `npm start` and the CLI print it as a configuration problem and exit. */
export class LexiconError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.message = `Invalid lexicon (keywords/):\n${problems.map((p) => `  - ${p}`).join('\n')}`;
    this.name = 'LexiconError';
  }
}

interface Parsed<T> {
  file: string;
  data: T | null;
  /** Line of a path in the file (for problems found after schema validation). */
  line(path: PropertyKey[]): number;
}

function parseFile<T>(path: string, schema: z.ZodType<T>, problems: string[]): Parsed<T> {
  const file = basename(path);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot read (${(error as Error).message})`);
    return { file, data: null, line: () => 1 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const line = (p: PropertyKey[]) => lineOf(doc, lineCounter, p);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      problems.push(`${file}:${pos.line}: ${e.message.split('\n')[0]}`);
    }
    return { file, data: null, line };
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      // An unquoted {amount} in a YAML list is a mapping, not text: say how to write it.
      const hint = issue.code === 'invalid_type' && /received object/.test(issue.message) ? " (write macros in quotes: '{amount}')" : '';
      problems.push(`${file}:${line(issue.path)}: ${issue.path.map(String).join('.') || '(file)'}: ${issue.message}${hint}`);
    }
    return { file, data: null, line };
  }
  return { file, data: result.data, line };
}

/** The line of the deepest node on the path that exists (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function macroProblems(parsed: Parsed<unknown>, source: unknown, macros: Record<string, string>, path: (string | number)[] = []): string[] {
  const out: string[] = [];
  if (typeof source === 'string') {
    const m = /^\{([a-z]+)\}$/.exec(source.trim());
    if (m && !(m[1]! in macros)) {
      out.push(`${parsed.file}:${parsed.line(path)}: ${path.join('.')}: unknown macro {${m[1]}} (define it under macros in grammar.yaml)`);
    }
  } else if (Array.isArray(source)) {
    source.forEach((v, i) => out.push(...macroProblems(parsed, v, macros, [...path, i])));
  } else if (source && typeof source === 'object') {
    for (const [k, v] of Object.entries(source)) out.push(...macroProblems(parsed, v, macros, [...path, k]));
  }
  return out;
}

export interface LoadedLexicon {
  compiled: CompiledLexicon;
  dir: string;
  files: string[];
}

export function loadLexicon(dir: string = DEFAULT_KEYWORDS_DIR): LoadedLexicon {
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw new LexiconError([`${dir}: keywords folder not found (set KEYWORDS_DIR)`]);
  }
  const isGrammar = (f: string) => /^grammar\.ya?ml$/.test(f);
  const isCompetitors = (f: string) => /^competitors\.ya?ml$/.test(f);
  const grammarFile = names.find(isGrammar);
  const competitorsFile = names.find(isCompetitors);
  if (!grammarFile) problems.push(`${dir}: grammar.yaml is missing`);
  if (!competitorsFile) problems.push(`${dir}: competitors.yaml is missing`);

  const grammar = grammarFile ? parseFile<GrammarFile>(join(dir, grammarFile), grammarFileSchema, problems).data : null;
  const competitors = competitorsFile ? parseFile<CompetitorsFile>(join(dir, competitorsFile), competitorsFileSchema, problems).data : null;
  const categories: CategoryFile[] = [];
  const seen = new Map<string, string>();
  for (const f of names.filter((n) => !isGrammar(n) && !isCompetitors(n))) {
    const parsed = parseFile<CategoryFile>(join(dir, f), categoryFileSchema, problems);
    if (!parsed.data) continue;
    const other = seen.get(parsed.data.id);
    if (other) {
      problems.push(`${f}:1: id: category "${parsed.data.id}" is already defined in ${other}`);
      continue;
    }
    seen.set(parsed.data.id, f);
    if (grammar) problems.push(...macroProblems(parsed, parsed.data, grammar.macros));
    categories.push(parsed.data);
  }
  for (const id of SIGNAL_CATEGORIES) if (!seen.has(id) && problems.length === 0) problems.push(`${dir}: no file defines category "${id}"`);
  if (problems.length > 0 || !grammar || !competitors) throw new LexiconError(problems);

  return { compiled: compileLexicon({ grammar, competitors, categories }), dir, files: names };
}
