// REST API for CRM / org sync and funnel reads. Every body is validated; errors list each
// invalid field so the calling integration can fix its data.
import type { Request, Response, Router } from 'express';
import type { Services } from '../core/context.ts';
import { SyncError, createSyncService, type UpsertOutcome } from '../services/sync-service.ts';
import { createFunnelService } from '../services/funnel-service.ts';

export function sendSyncError(res: Response, error: unknown): boolean {
  if (!(error instanceof SyncError)) return false;
  res.status(error.status).json({ error: 'invalid', fields: error.fields });
  return true;
}

export function createApiRouter(api: Router, services: Services): void {
  const sync = createSyncService(services.store, services.events);
  const funnel = createFunnelService({ ...services, timeZone: services.config.timeZone });

  const put = (fn: (id: string, body: unknown) => UpsertOutcome) => (req: Request, res: Response) => {
    try {
      const outcome = fn(String(req.params.id), req.body);
      res.status(outcome === 'created' ? 201 : 200).json({ id: req.params.id, result: outcome });
    } catch (error) {
      if (!sendSyncError(res, error)) throw error;
    }
  };

  api.put('/users/:id', put(sync.putUser));
  api.put('/customers/:id', put(sync.putCustomer));
  api.put('/opportunities/:id', put((id, body) => sync.putOpportunity(id, body)));

  api.post('/batch', (req, res) => {
    try {
      const result = sync.batch(req.body);
      const failed = result.users.errors.length + result.customers.errors.length + result.opportunities.errors.length;
      res.status(failed ? 207 : 200).json(result);
    } catch (error) {
      if (!sendSyncError(res, error)) throw error;
    }
  });

  api.get('/funnel/:userId', (req, res) => {
    const user = services.store.users.get(String(req.params.userId));
    if (!user) {
      res.status(404).json({ error: 'not_found', message: `unknown user ${req.params.userId}` });
      return;
    }
    res.json({ ...funnel.funnel(user), reserveSeries: funnel.reserve(user).series });
  });
}
