import { describe, expect, it } from 'vitest';
import { hugePagesEnv, hugePagesOn } from '../../src/cli/huge-pages.ts';

describe('malloc huge pages for bulk imports', () => {
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
});
