// The HTTP side: /healthz, the bearer-token REST API, and routes that channels mount
// (e.g. the WeCom callback). Broken bodies get a 4xx JSON answer, never a crash.
import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { ChannelModule } from '../channels/index.ts';
import type { Services } from '../core/context.ts';
import { createApiRouter } from './api-routes.ts';
import { MAX_BATCH } from './messages-api.ts';

export interface HttpDeps {
  services: Services;
  channels: ChannelModule[];
  /** Extra API routes added by later modules (ingest, etc.). */
  extendApi?: (api: express.Router) => void;
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function requireBearer(token: string | undefined, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token) {
      res.status(503).json({ error: 'api_disabled', message: 'The REST API is disabled: set API_TOKEN to enable it.' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameToken(match[1]!.trim(), token)) {
      logger.warn({ ip: req.ip, path: req.path, hasAuthorization: Boolean(header) }, 'API request with a wrong or missing token');
      res.status(401).json({ error: 'unauthorized', message: 'Missing or wrong bearer token.' });
      return;
    }
    next();
  };
}

/** Largest API request body (express.json's limit syntax). */
const API_BODY_LIMIT = '5mb';
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export function createHttpApp(deps: HttpDeps): express.Express {
  const { services } = deps;
  const { logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', (_req, res) => {
    const channels = Object.fromEntries(deps.channels.map((m) => [m.channel.name, m.channel.health()]));
    let db = 'ok';
    try {
      services.store.db.prepare('SELECT 1').get();
    } catch {
      db = 'down';
    }
    const degraded = db !== 'ok' || Object.values(channels).some((h) => h.status !== 'ok');
    res.status(db === 'ok' ? 200 : 503).json({ status: degraded ? 'degraded' : 'ok', db, channels });
  });

  for (const m of deps.channels) if (m.routes) app.use(m.routes.path, m.routes.router);

  const api = express.Router();
  api.use(requireBearer(services.config.apiToken, logger));
  api.use(express.json({ limit: API_BODY_LIMIT, strict: true }));
  // Without the JSON content type express.json leaves the body unread, and the handler would
  // answer "expected object, received undefined": say what is wrong instead.
  api.use((req, res, next) => {
    if (WITH_BODY.has(req.method) && !req.is('application/json')) {
      logger.warn({ path: req.path, contentType: req.headers['content-type'] ?? null }, 'API body without JSON content type');
      res.status(415).json({ error: 'unsupported_media_type', message: 'Send the body as JSON with the header Content-Type: application/json.' });
      return;
    }
    next();
  });
  createApiRouter(api, services);
  deps.extendApi?.(api);
  app.use('/api', api);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });

  // The error boundary for HTTP: body-parser errors become 4xx, anything else a logged 500.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: `Request body is larger than ${API_BODY_LIMIT}; split it (POST /api/messages takes at most ${MAX_BATCH.toLocaleString('en-US')} messages per request).` });
    } else if (e.type === 'entity.parse.failed') {
      logger.warn({ path: req.path }, 'malformed JSON body');
      res.status(400).json({ error: 'bad_json', message: 'The body is not valid JSON.' });
    } else if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'bad_request', message: e.message ?? 'Bad request.' });
    } else {
      logger.error({ err, path: req.path }, 'HTTP handler failed');
      res.status(500).json({ error: 'internal', message: 'Internal error; it has been logged.' });
    }
  });
  return app;
}
