// Business rules in one validated place: stage win probabilities and reserve safety levels.
// Defaults follow the seeds; RULES_FILE (YAML or JSON) may override any of them.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OPEN_STAGES, type OpenStage } from './stages.ts';
import { SIGNAL_CATEGORIES } from './insight/signal.ts';

const probability = z.number().min(0).max(1);
const openStage = z.enum(OPEN_STAGES);
const signalCategory = z.enum(SIGNAL_CATEGORIES);

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

    // --- Pipeline management (stage moves, forecast, bottleneck, alerts) ---
    /** An open deal with no customer message and no stage change for this long is stale (seed 004: two weeks). */
    staleDays: z.number().int().min(1).max(365),
    /** Demote stale deals by one stage automatically (otherwise the owner is only asked). */
    staleAutoDemote: z.boolean(),
    /** Stale alerts per rep per day; the rest are summarised in one line. */
    staleMaxAlertsPerRep: z.number().int().min(1).max(50),
    /** /跟进 without a date schedules the reminder this many days ahead. */
    followUpDays: z.number().int().min(1).max(60),
    /**
     * Seed 001's MOT gate: a deal may enter `stage` (or beyond) only when each fact is known,
     * from the customer's latest positive signal of that category or an explicit confirmation.
     */
    mot: z
      .object({
        stage: openStage,
        facts: z.array(signalCategory).min(1),
        signalDays: z.number().int().min(1).max(730),
        minConfidence: probability,
      })
      .strict(),
    /** Committed forecast (seed 004): deals in these stages with a signed intent or these positive signals. */
    committed: z
      .object({
        stages: z.array(openStage).min(1),
        signalCategories: z.array(signalCategory),
        signalDays: z.number().int().min(1).max(730),
      })
      .strict(),
    /** Reasons a rep picks from when a deal is lost (free text comes with it). */
    lostReasons: z.array(z.string().trim().min(1).max(16)).min(1),
    /** Warnings on /商机. */
    dealRisk: z
      .object({
        /** Our last message unanswered for this long. */
        silentDays: z.number().int().min(1).max(90),
        negativeSignalDays: z.number().int().min(1).max(365),
        decisionMakerFromStage: openStage,
        priceFromStage: openStage,
        /** Words that show price was discussed even without a price signal. */
        priceTerms: z.array(z.string().min(1)),
        /** Stuck when the time in stage exceeds the team's median stint times this. */
        stuckMultiplier: z.number().min(1).max(10),
        stuckMinSamples: z.number().int().min(1),
        stuckHistoryDays: z.number().int().min(7).max(730),
      })
      .strict(),
    forecast: z
      .object({
        /** The rolling view's length in weeks (seed 004: 13). */
        weeks: z.number().int().min(4).max(26),
        /** How many past weeks the forecast error covers, and how many make it trustworthy. */
        errorWeeks: z.number().int().min(1).max(26),
        minErrorWeeks: z.number().int().min(1).max(26),
      })
      .strict(),
    /** Window of the sales-formula factors (seed 000), in days. */
    bottleneckWindowDays: z.number().int().min(14).max(730),
    /** Reps below the safety level get a plan to recover within this many weeks. */
    recoveryWeeks: z.number().int().min(1).max(26),
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;

export const DEFAULT_RULES: Rules = {
  stageProbabilities: { T0: 0.05, T1: 0.1, T2: 0.25, T3: 0.5, T4: 0.75 },
  safetyLevels: { T1: 10, T3: 5 },
  reserveWeeks: 8,
  conversionWindowDays: 90,

  staleDays: 14,
  staleAutoDemote: false,
  staleMaxAlertsPerRep: 5,
  followUpDays: 3,
  mot: { stage: 'T3', facts: ['budget', 'timeline', 'decision_maker'], signalDays: 180, minConfidence: 0.5 },
  committed: { stages: ['T4'], signalCategories: ['contract'], signalDays: 90 },
  lostReasons: ['价格', '竞品', '预算取消', '需求变化', '决策延期', '失去联系', '其他'],
  dealRisk: {
    silentDays: 3,
    negativeSignalDays: 14,
    decisionMakerFromStage: 'T2',
    priceFromStage: 'T3',
    priceTerms: ['价格', '报价', '价钱', '折扣', '优惠', '多少钱'],
    stuckMultiplier: 1.5,
    stuckMinSamples: 5,
    stuckHistoryDays: 180,
  },
  forecast: { weeks: 13, errorWeeks: 8, minErrorWeeks: 4 },
  bottleneckWindowDays: 90,
  recoveryWeeks: 4,
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Overrides replace values; nested groups (stageProbabilities, mot, …) merge key by key, lists are replaced. */
export function mergeRules(base: Rules, override: unknown): Rules {
  const o = isPlainObject(override) ? override : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(o)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return rulesSchema.parse(merged);
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
