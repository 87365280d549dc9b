// How a bulk import's process starts (`sales-radar import` re-runs itself so; the bench's ingest
// phase starts so too). Both settings are read only at process start:
// - Malloc huge pages: imports spend much of each line on lookups spread over several hundred MB
//   (jieba's dictionary, SQLite's page cache), and many of those lookups miss the TLB. glibc backs
//   malloc with transparent huge pages when asked (glibc.malloc.hugetlb=1, glibc 2.35+; ignored
//   elsewhere), which made imports about 8% faster here (README, Figures).
// - A larger young generation (V8's semi-space): a batch of 100,000 lines stays alive until it is
//   written, so every young-generation collection copied the lines prepared since the last one.
// An admin who sets either (glibc.malloc.hugetlb=0, --max-semi-space-size in NODE_OPTIONS) keeps
// their choice.
import { spawn } from 'node:child_process';

const TUNABLE = 'glibc.malloc.hugetlb';

/** The environment with malloc huge pages asked for, or null when not on Linux or already decided. */
export function hugePagesEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv | null {
  if (platform !== 'linux') return null;
  const current = env.GLIBC_TUNABLES ?? '';
  if (current.includes(TUNABLE)) return null;
  return { ...env, GLIBC_TUNABLES: current ? `${current}:${TUNABLE}=1` : `${TUNABLE}=1` };
}

const SEMI_SPACE_FLAG = '--max-semi-space-size';
/** MB per semi-space for an import (16 by default here; the young generation holds two and copies between them). */
export const IMPORT_SEMI_SPACE_MB = 64;

/** Node flags an import adds: a larger young generation, unless this process or NODE_OPTIONS sets one. */
export function importNodeFlags(execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const chosen = [...execArgv, env.NODE_OPTIONS ?? ''].some((arg) => arg.includes(SEMI_SPACE_FLAG));
  return chosen ? [] : [`${SEMI_SPACE_FLAG}=${IMPORT_SEMI_SPACE_MB}`];
}

/** What an import's process needs that this one lacks: Node flags to add, and the environment (null: as it is). */
export function importStart(execArgv: readonly string[], env: NodeJS.ProcessEnv): { flags: string[]; env: NodeJS.ProcessEnv | null } {
  return { flags: importNodeFlags(execArgv, env), env: hugePagesEnv(env) };
}

/** True when this process was started with malloc huge pages asked for. */
export const hugePagesOn = (env: NodeJS.ProcessEnv = process.env): boolean => (env.GLIBC_TUNABLES ?? '').includes(`${TUNABLE}=1`);

/**
 * Runs this very command again as an import should run (huge pages, young generation), and
 * resolves with its exit code; null when there is nothing to change (then the caller runs the
 * command itself, as the re-run does).
 */
export function rerunForImport(): Promise<number> | null {
  const { flags, env } = importStart(process.execArgv, process.env);
  if (!env && flags.length === 0) return null;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit', env: env ?? process.env });
    // A stop meant for the import goes to the import; this process ends when it does.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
