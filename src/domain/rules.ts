// Business rules in one validated place: stage win probabilities and reserve safety levels.
// Defaults follow the seeds; RULES_FILE (YAML or JSON) may override any of them.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OPEN_STAGES, type OpenStage } from './stages.ts';

const probability = z.number().min(0).max(1);

export const rulesSchema = z
  .object({
    /** Win probability per open stage, for the weighted pipeline. */
    stageProbabilities: z
      .object({ T0: probability, T1: probability, T2: probability, T3: probability, T4: probability })
      .strict(),
    /**
     * Minimum open opportunities per rep at or above a stage (seed 003: 人均T3商机不少于5个).
     * Only stages listed here are checked.
     */
    safetyLevels: z.partialRecord(z.enum(OPEN_STAGES), z.number().int().min(0)),
    /** How many weeks the reserve series covers. */
    reserveWeeks: z.number().int().min(2).max(52),
    /** Window for stage-to-stage conversion rates, in days. */
    conversionWindowDays: z.number().int().min(7).max(730),
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;

export const DEFAULT_RULES: Rules = {
  stageProbabilities: { T0: 0.05, T1: 0.1, T2: 0.25, T3: 0.5, T4: 0.75 },
  safetyLevels: { T1: 10, T3: 5 },
  reserveWeeks: 8,
  conversionWindowDays: 90,
};

export function mergeRules(base: Rules, override: unknown): Rules {
  const o = (override ?? {}) as Partial<Rules>;
  return rulesSchema.parse({
    ...base,
    ...o,
    stageProbabilities: { ...base.stageProbabilities, ...(o.stageProbabilities ?? {}) },
    safetyLevels: { ...base.safetyLevels, ...(o.safetyLevels ?? {}) },
  });
}

export function loadRules(file: string | undefined): Rules {
  if (!file) return DEFAULT_RULES;
  const raw = readFileSync(file, 'utf8');
  const data: unknown = file.endsWith('.json') ? JSON.parse(raw) : parseYaml(raw);
  try {
    return mergeRules(DEFAULT_RULES, data);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const lines = error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid rules file ${file}:\n${lines.join('\n')}`);
    }
    throw error;
  }
}

/** Stages with a safety level, lowest first. */
export function checkedStages(rules: Rules): OpenStage[] {
  return OPEN_STAGES.filter((s) => rules.safetyLevels[s] !== undefined);
}
