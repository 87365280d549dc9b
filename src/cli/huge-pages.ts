// Bulk imports spend much of each line on lookups spread over several hundred MB (jieba's
// dictionary, SQLite's page cache), and many of those lookups miss the TLB. glibc backs malloc with
// transparent huge pages when asked (glibc.malloc.hugetlb=1, glibc 2.35+; ignored elsewhere), which
// made imports about 8% faster here (README, Figures). glibc reads the tunable only at process
// start, so an import re-runs itself with it set. An admin who sets glibc.malloc.hugetlb (to 0, say)
// keeps their choice.
import { spawn } from 'node:child_process';

const TUNABLE = 'glibc.malloc.hugetlb';

/** The environment with malloc huge pages asked for, or null when not on Linux or already decided. */
export function hugePagesEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv | null {
  if (platform !== 'linux') return null;
  const current = env.GLIBC_TUNABLES ?? '';
  if (current.includes(TUNABLE)) return null;
  return { ...env, GLIBC_TUNABLES: current ? `${current}:${TUNABLE}=1` : `${TUNABLE}=1` };
}

/** True when this process was started with malloc huge pages asked for. */
export const hugePagesOn = (env: NodeJS.ProcessEnv = process.env): boolean => (env.GLIBC_TUNABLES ?? '').includes(`${TUNABLE}=1`);

/**
 * Runs this very command again with huge pages asked for, and resolves with its exit code; null
 * when there is nothing to change (then the caller runs the command itself).
 */
export function rerunWithHugePages(): Promise<number> | null {
  const env = hugePagesEnv(process.env);
  if (!env) return null;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
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
