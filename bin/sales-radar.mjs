#!/usr/bin/env node
// Entry for `npx sales-radar`: run the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
// A bulk import re-runs itself with malloc huge pages and a larger young generation (src/cli/import-process.ts).
const { rerunForImport } = await import('../src/cli/import-process.ts');
const rerun = process.argv[2] === 'import' ? rerunForImport() : null;
if (rerun) process.exitCode = await rerun;
else {
  const { runCli } = await import('../src/cli.ts');
  process.exitCode = await runCli(process.argv.slice(2));
}
