// POST /api/messages: a batch of archived messages (WeCom 会话内容存档, call transcripts) into
// conversation records. Per-item errors are reported and valid items kept (207), a re-sent
// batch adds nothing, and the body size is capped by the API's JSON parser.
import type { Router } from 'express';
import { z } from 'zod';
import type { Services } from '../core/context.ts';
import { fieldErrors } from '../services/sync-service.ts';
import { ingestArchived } from '../services/archive-ingest.ts';

/** Items per request; bigger archives go through several requests or `sales-radar import`. */
export const MAX_BATCH = 5000;

const batchSchema = z.object({ messages: z.array(z.unknown()).min(1, 'must hold at least one message').max(MAX_BATCH) }).strict();

export function mountMessagesApi(api: Router, services: Services): void {
  api.post('/messages', (req, res) => {
    const body = batchSchema.safeParse(req.body);
    if (!body.success) {
      services.logger.warn({ path: req.path }, 'message batch rejected');
      res.status(400).json({ error: 'invalid', fields: fieldErrors(body.error) });
      return;
    }
    const result = ingestArchived(
      services,
      body.data.messages.map((raw, index) => ({ raw, index, prefix: `messages.${index}` })),
    );
    if (result.rejected) services.logger.warn({ rejected: result.rejected, received: result.received }, 'message batch had invalid items');
    res.status(result.rejected ? 207 : 200).json(result);
  });
}
