import { describe, expect, it } from 'vitest';
import { IMPORT_SEMI_SPACE_MB, hugePagesEnv, hugePagesOn, importNodeFlags } from '../../src/cli/import-process.ts';

describe('how a bulk import starts', () => {
  it('asks glibc for huge pages on Linux, keeping the rest of the environment', () => {
    const env = hugePagesEnv({ PATH: '/usr/bin', DATABASE_PATH: '/data/db.sqlite' }, 'linux');
    expect(env).toEqual({ PATH: '/usr/bin', DATABASE_PATH: '/data/db.sqlite', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePagesOn(env!)).toBe(true);
  });

  it('adds to tunables an admin set, and keeps an admin choice about huge pages', () => {
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')?.GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux')).toBeNull();
    expect(hugePagesOn({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(false);
  });

  it('changes nothing off Linux', () => {
    expect(hugePagesEnv({ PATH: '/usr/bin' }, 'darwin')).toBeNull();
    expect(hugePagesEnv({ PATH: 'C:\\Windows' }, 'win32')).toBeNull();
  });

  it('gives an import a larger young generation, unless the process or NODE_OPTIONS already sets one', () => {
    expect(importNodeFlags([], { PATH: '/usr/bin' })).toEqual([`--max-semi-space-size=${IMPORT_SEMI_SPACE_MB}`]);
    // The re-run itself has the flag: it does not re-run again.
    expect(importNodeFlags(importNodeFlags([], {}), {})).toEqual([]);
    expect(importNodeFlags(['--max-semi-space-size=8'], {})).toEqual([]);
    expect(importNodeFlags([], { NODE_OPTIONS: '--max-old-space-size=4096 --max-semi-space-size=32' })).toEqual([]);
  });
});
