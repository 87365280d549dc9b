import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Native modules (better-sqlite3, nodejieba) are safest in forked processes.
    pool: 'forks',
  },
});
