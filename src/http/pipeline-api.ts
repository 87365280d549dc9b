// REST side of pipeline management (bearer API_TOKEN, mounted under /api): stage moves with the
// same rules as /推进 (acting user, MOT gate, LOST reason), and the forecast, bottleneck and
// deal-risk views as JSON for dashboards.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Services } from '../core/context.ts';
import { UserError } from '../core/errors.ts';
import { parseStage } from '../domain/stages.ts';
import { fieldErrors } from '../services/sync-service.ts';
import { createStageMoveService } from '../services/stage-move-service.ts';
import { resolveScope } from '../services/pipeline-scope.ts';
import { createForecastService } from '../services/forecast-service.ts';
import { createBottleneckService } from '../services/bottleneck-service.ts';
import { createDealRiskService } from '../services/deal-risk-service.ts';

const moveBody = z
  .object({
    stage: z.string().trim().min(1).max(16),
    /** The user acting: permissions and the audit record are theirs. */
    by: z.string().trim().min(1).max(128),
    confirm: z.boolean().optional(),
    lostReason: z.string().trim().min(1).max(16).optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

const STATUS: Record<UserError['code'], number> = { bad_args: 422, forbidden: 403, not_found: 404, unknown_user: 422, conflict: 409 };

function sendUserError(res: Response, error: unknown): void {
  if (!(error instanceof UserError)) throw error;
  res.status(STATUS[error.code]).json({ error: error.code, message: error.userMessage });
}

export function mountPipelineApi(api: Router, services: Services): void {
  const { store } = services;

  api.post('/opportunities/:id/stage', (req: Request, res: Response) => {
    const parsed = moveBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid', fields: fieldErrors(parsed.error) });
      return;
    }
    const b = parsed.data;
    const to = parseStage(b.stage);
    if (!to) {
      res.status(400).json({ error: 'invalid', fields: [{ field: 'stage', message: 'expected T0–T4, WIN or LOST' }] });
      return;
    }
    const caller = store.users.get(b.by);
    if (!caller?.active) {
      res.status(422).json({ error: 'invalid', fields: [{ field: 'by', message: `unknown or inactive user ${b.by}` }] });
      return;
    }
    const deal = store.pipeline.deal(String(req.params.id));
    if (!deal) {
      res.status(404).json({ error: 'not_found', message: `unknown opportunity ${req.params.id}` });
      return;
    }
    try {
      const moves = createStageMoveService(services);
      const result = moves.move(caller, deal, { to, confirm: b.confirm, lostReason: b.lostReason, note: b.note, source: 'api' });
      if (result.status === 'blocked') {
        res.status(409).json({ error: 'mot_gate', from: result.from, to: result.to, checks: result.gate.checks, missing: result.gate.missing.map((m) => m.fact) });
      } else if (result.status === 'recorded') {
        res.json({ result: 'recorded', confirmed: result.confirmed });
      } else {
        res.json({ result: 'moved', from: result.from, to: result.to, onBehalf: result.onBehalf, confirmed: result.confirmed, gate: result.gate?.checks ?? null });
      }
    } catch (error) {
      sendUserError(res, error);
    }
  });

  /** A view for the user as they would see it in chat (?scope=<name|team> narrows it like the command argument). */
  const view = (build: (user: NonNullable<ReturnType<typeof store.users.get>>, scope: string | undefined) => unknown) => (req: Request, res: Response) => {
    const user = store.users.get(String(req.params.userId));
    if (!user) {
      res.status(404).json({ error: 'not_found', message: `unknown user ${req.params.userId}` });
      return;
    }
    try {
      res.json(build(user, typeof req.query.scope === 'string' ? req.query.scope : undefined));
    } catch (error) {
      sendUserError(res, error);
    }
  };

  api.get('/forecast/:userId', view((user, scope) => {
    const r = createForecastService(services).report(resolveScope(store, user, scope));
    return { ...r, ownerNames: Object.fromEntries(r.ownerNames) };
  }));
  api.get('/bottleneck/:userId', view((user, scope) => createBottleneckService(services).report(resolveScope(store, user, scope))));
  api.get('/deals/:userId', view((user, scope) => {
    const s = scope ? resolveScope(store, user, scope) : { kind: 'person' as const, title: user.name, members: [user] };
    if (s.kind !== 'person') throw new UserError('bad_args', 'deals are listed for one person; pass scope=<name>');
    return { user: { id: s.members[0]!.id, name: s.members[0]!.name }, deals: createDealRiskService(services).assess(s.members[0]!) };
  }));
}
