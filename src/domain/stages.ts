// The pipeline stages and the rules attached to them (seed 003: T0–T4 funnel, T3 safety level;
// seed 001: stage-linked probabilities). Defaults live here; src/domain/rules.ts lets a
// deployment override them from one validated file.

export const OPEN_STAGES = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;
export const CLOSED_STAGES = ['WIN', 'LOST'] as const;
export const STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const;

export type OpenStage = (typeof OPEN_STAGES)[number];
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  T0: '线索',
  T1: '意向',
  T2: '有效商机',
  T3: '方案报价',
  T4: '商务谈判',
  WIN: '赢单',
  LOST: '输单',
};

/** Rank used to compare progress; WIN is beyond T4, LOST is outside the ladder. */
export function stageRank(stage: Stage): number {
  if (stage === 'WIN') return 5;
  if (stage === 'LOST') return -1;
  return OPEN_STAGES.indexOf(stage);
}

export function isOpenStage(stage: string): stage is OpenStage {
  return (OPEN_STAGES as readonly string[]).includes(stage);
}

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export function stageName(stage: Stage): string {
  return stage === 'WIN' || stage === 'LOST' ? STAGE_LABELS[stage] : `${stage} ${STAGE_LABELS[stage]}`;
}

/** Accepts T3, t3, 方案报价, 赢单 … and returns the stage, or null. */
export function parseStage(input: string): Stage | null {
  const value = input.trim().toUpperCase();
  if (isStage(value)) return value;
  for (const stage of STAGES) if (STAGE_LABELS[stage] === input.trim()) return stage;
  return null;
}
