import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEYWORDS_DIR, LexiconError, loadLexicon } from '../../src/services/lexicon-loader.ts';
import { tempDir } from '../support/harness.ts';
import { ConfigError } from '../../src/config.ts';
import { compiledLexicon, createInsightRuntime } from '../../src/services/insight.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function copyKeywords(): string {
  const dir = tempDir('keywords-');
  cleanup = dir.cleanup;
  cpSync(DEFAULT_KEYWORDS_DIR, dir.path, { recursive: true });
  return dir.path;
}

function problemsOf(dir: string): string[] {
  try {
    loadLexicon(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(LexiconError);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as LexiconError).problems;
  }
  throw new Error('expected the lexicon to be refused');
}

describe('keywords/ lexicon', () => {
  it('loads the shipped lexicon with every category', () => {
    const { compiled } = loadLexicon();
    expect(compiled.categories.size).toBe(12);
    expect(compiled.words).toContain('领导还没批');
    expect(compiled.stats.entries).toBeGreaterThan(500);
  });

  it('refuses a file with a wrong sentiment mapping, naming file, line and reason', () => {
    const dir = copyKeywords();
    const file = join(dir, 'budget.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('negated: negative'));
    lines[at] = '  negated: terrible';
    writeFileSync(file, lines.join('\n'));
    const [problem] = problemsOf(dir);
    expect(problem).toMatch(new RegExp(`^budget\\.yaml:${at + 1}: sentiment\\.negated: `));
  });

  it('refuses broken YAML, an unknown category, an unknown macro and a duplicate category', () => {
    const dir = copyKeywords();
    writeFileSync(join(dir, 'tender.yaml'), 'id: tender\nlabel: [unclosed\n');
    writeFileSync(join(dir, 'extra.yaml'), readFileSync(join(dir, 'risk.yaml'), 'utf8'));
    writeFileSync(join(dir, 'urgency.yaml'), readFileSync(join(dir, 'urgency.yaml'), 'utf8').replace('positive: [着急,', "positive: ['{nosuch}', 着急,"));
    writeFileSync(join(dir, 'contract.yaml'), readFileSync(join(dir, 'contract.yaml'), 'utf8').replace(/cues:\n  positive: \[/, 'cues:\n  positive: [{amount}, '));
    const problems = problemsOf(dir).join('\n');
    expect(problems).toMatch(/tender\.yaml:\d+: /);
    expect(problems).toMatch(/risk\.yaml:1: id: category "risk" is already defined in extra\.yaml|extra\.yaml:1: id: category "risk" is already defined in risk\.yaml/);
    expect(problems).toMatch(/urgency\.yaml:\d+: phrases\.positive\.0: unknown macro \{nosuch\}/);
    expect(problems).toMatch(/contract\.yaml:\d+: cues\.positive\.0: .*write macros in quotes/);
  });

  it('refuses a competitors list whose alsoSystems names are not competitors', () => {
    const dir = copyKeywords();
    const file = join(dir, 'competitors.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('alsoSystems: [用友, 金蝶', 'alsoSystems: [用友, 万达信息'));
    expect(problemsOf(dir).join('\n')).toMatch(/competitors\.yaml:\d+: alsoSystems\.1: "万达信息" is not in names/);
  });

  it('refuses an integrationWithSystem word that is not a weak IT term, or in another category', () => {
    const dir = copyKeywords();
    const it = join(dir, 'it_integration.yaml');
    writeFileSync(it, readFileSync(it, 'utf8').replace(/integrationWithSystem: \[[^\]]*\]/, 'integrationWithSystem: [对接, 打通]'));
    const risk = join(dir, 'risk.yaml');
    writeFileSync(risk, `${readFileSync(risk, 'utf8')}\nintegrationWithSystem: [对接]\n`);
    const problems = problemsOf(dir).join('\n');
    expect(problems).toMatch(/it_integration\.yaml:\d+: integrationWithSystem\.1: "打通" is not in weakTerms/);
    expect(problems).toMatch(/risk\.yaml:\d+: integrationWithSystem\.0: integrationWithSystem is only for it_integration\.yaml/);
  });

  it('reads a system vendor as the customer\'s system next to an integrationWithSystem word, a setting in the YAML', () => {
    const text = '下个月对接他们钉钉的通讯录';
    const pairsWith = (dir?: string) => createInsightRuntime(compiledLexicon(dir)).extract(text).map((s) => `${s.category}/${s.sentiment}`);
    // 对接 alone is a weak IT word, but next to 钉钉 it names an integration with the customer's
    // system: it_integration (a requirement, neutral), and 钉钉 is not a competitor
    expect(pairsWith()).toEqual(['it_integration/neutral']);
    const dir = copyKeywords();
    const it = join(dir, 'it_integration.yaml');
    writeFileSync(it, readFileSync(it, 'utf8').replace(/integrationWithSystem: \[[^\]]*\]/, 'integrationWithSystem: []'));
    // without the flag 对接 stays a weak word, and 钉钉 is read as a competitor
    expect(pairsWith(dir)).toEqual(['competitor/negative']);
  });

  it('lets sales ops add a competitor without code', () => {
    const dir = copyKeywords();
    const file = join(dir, 'competitors.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('names:\n', 'names:\n  - 云雀CRM\n'));
    const { compiled } = loadLexicon(dir);
    expect(compiled.words).toContain('云雀crm');
  });
});
