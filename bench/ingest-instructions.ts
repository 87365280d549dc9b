// Instructions per ingested message, counted by valgrind's callgrind: repeatable on a busy host,
// where wall-clock A/B runs of the ingest bench vary by ±20%. Not part of `npm run bench` (a run
// takes minutes). A small org (4 of the bench's teams: 200 reps, 4,000 customers) and N bench lines through
// ingest.recordMany in batches of 1,000 with storage. Run twice with different N and divide the
// difference by the difference in N, so set-up, jieba's dictionary and most JIT warm-up cancel:
//
//   mkdir -p .tmp && ln -sfn ../src/store/migrations .tmp/migrations   # the bundle reads them beside itself
//   node_modules/.bin/esbuild bench/ingest-instructions.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.tmp/ingest-instructions.mjs
//   for n in 12000 32000; do KEYWORDS_DIR=$PWD/keywords N=$n setarch x86_64 -R valgrind --tool=callgrind \
//     --callgrind-out-file=/dev/null --smc-check=all-non-file node --single-threaded --hash-seed=1 \
//     --random-seed=1 .tmp/ingest-instructions.mjs 2>&1 | grep Collected; done
//
// Bundled, because valgrind and tsx's loader thread do not mix well. No ASLR, fixed V8 seeds and
// one thread keep two runs of the same code within 0.1% of each other. The window from 12,000 to
// 32,000 lines still holds some TurboFan compiling (about a fifth): compare commits in the same window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { silentLogger } from '../src/logger.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { insightFor } from '../src/services/insight.ts';
import { createIngestService } from '../src/services/ingest-service.ts';
import { beginBulkWrites } from '../src/store/db.ts';
import { message, seedOrg } from './insight-data.ts';

const N = Number(process.env.N ?? 2000);
const BATCH = 1000;
const SMALL_ORG_TEAMS = 4; // 200 reps, 4,000 customers (the full bench has 100 teams)

const dir = mkdtempSync(join(tmpdir(), 'ingest-instructions-'));
const app = createApp(loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'b.db'), LOG_LEVEL: 'silent', BRIEF_CRON: 'off' }), {
  logger: silentLogger(),
});
const { reps } = seedOrg(app, SMALL_ORG_TEAMS);
insightFor(app.services).extract('预热：客户说预算有了'); // jieba's dictionary, the user words, the customer names
const ingest = createIngestService(app.services);
const rnd = seededRandom(7);
const endBulkWrites = beginBulkWrites(app.db);
for (let i = 0; i < N; i += BATCH) ingest.recordMany(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => message(i + k, N, rnd, reps)));
endBulkWrites();
app.db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${N} messages ingested\n`);
