// The callback URL (接收消息与事件): GET answers URL verification; POST checks the signature,
// the ±5-minute timestamp window and the receive id, decodes, persists, answers 200 with an
// empty body within milliseconds, and only then processes. Bad input gets a 4xx and a log line.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../logger.ts';
import type { InboundMessage } from '../../core/message.ts';
import { CRYPTO_ERRORS, WecomCryptoError, type WecomCrypto } from './crypto.ts';
import { WecomDecodeError, decodePayload, parseEnvelope } from './decode.ts';

export const MAX_BODY = '1mb';
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export interface CallbackRouteDeps {
  crypto: WecomCrypto;
  logger: Logger;
  now: () => number;
  /** Persists the message; false when it was seen before (a WeCom retry). Throws if it cannot. */
  accept(inbound: InboundMessage): boolean;
  /** Runs after the acknowledgement has been sent. */
  process(inbound: InboundMessage): void;
}

function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain').send(message);
}

export function createCallbackRoute(deps: CallbackRouteDeps): express.Router {
  const { crypto, logger } = deps;
  const route = express.Router();

  // URL verification, when the admin saves the callback settings. No timestamp window here:
  // it has no side effects and WeCom's own console test may reuse old parameters.
  route.get('/', (req, res) => {
    const signature = queryString(req, 'msg_signature');
    const timestamp = queryString(req, 'timestamp');
    const nonce = queryString(req, 'nonce');
    let echostr = queryString(req, 'echostr');
    if (!signature || !timestamp || !nonce || !echostr) return refuse(res, 400, 'missing parameters');
    // A '+' sent unencoded arrives as a space after query decoding.
    if (!crypto.verify(signature, timestamp, nonce, echostr) && echostr.includes(' ')) echostr = echostr.replace(/ /g, '+');
    if (!crypto.verify(signature, timestamp, nonce, echostr)) {
      logger.warn({ ip: req.ip, code: CRYPTO_ERRORS.badSignature }, 'WeCom URL verification with a wrong signature');
      return refuse(res, 403, 'bad signature');
    }
    try {
      const plain = crypto.decrypt(echostr);
      logger.info('WeCom callback URL verified');
      res.status(200).type('text/plain').send(plain);
    } catch (error) {
      logger.warn({ ip: req.ip, err: error }, 'WeCom URL verification: echostr does not decrypt');
      refuse(res, error instanceof WecomCryptoError && error.code === CRYPTO_ERRORS.receiveIdMismatch ? 403 : 400, 'bad echostr');
    }
  });

  route.post('/', express.text({ type: () => true, limit: MAX_BODY }), (req, res) => {
    const signature = queryString(req, 'msg_signature');
    const timestamp = queryString(req, 'timestamp');
    const nonce = queryString(req, 'nonce');
    if (!signature || !timestamp || !nonce) {
      logger.warn({ ip: req.ip }, 'WeCom callback without signature parameters');
      return refuse(res, 401, 'missing signature');
    }
    const body = typeof req.body === 'string' ? req.body : '';
    let encrypted: string;
    try {
      encrypted = parseEnvelope(body).encrypt;
    } catch (error) {
      logger.warn({ ip: req.ip, reason: (error as Error).message }, 'WeCom callback body is not a WeCom envelope');
      return refuse(res, 400, 'not a WeCom XML envelope');
    }
    if (!crypto.verify(signature, timestamp, nonce, encrypted)) {
      logger.warn({ ip: req.ip, code: CRYPTO_ERRORS.badSignature }, 'WeCom callback with a wrong signature: dropped');
      return refuse(res, 403, 'bad signature');
    }
    const sentAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : NaN;
    if (!(Math.abs(deps.now() - sentAt) <= TIMESTAMP_WINDOW_MS)) {
      logger.warn({ ip: req.ip, timestamp }, 'WeCom callback outside the ±5 min window (replay or clock skew): dropped');
      return refuse(res, 403, 'stale timestamp');
    }

    let inbound: InboundMessage;
    try {
      const decoded = decodePayload(crypto.decrypt(encrypted), new Date(deps.now()));
      if (decoded.kind === 'ignored') {
        logger.info({ msgType: decoded.msgType, event: decoded.event, from: decoded.from }, 'WeCom callback of a kind we do not handle: acknowledged');
        return void res.status(200).end();
      }
      inbound = decoded.inbound;
    } catch (error) {
      if (error instanceof WecomCryptoError && error.code === CRYPTO_ERRORS.receiveIdMismatch) {
        logger.warn({ ip: req.ip }, 'WeCom callback for another corp id: dropped');
        return refuse(res, 403, 'wrong receive id');
      }
      const reason = error instanceof WecomCryptoError || error instanceof WecomDecodeError ? error.message : String(error);
      logger.warn({ ip: req.ip, reason }, 'WeCom callback signed but undecodable: dropped');
      return refuse(res, 400, 'undecodable payload');
    }

    let isNew: boolean;
    try {
      isNew = deps.accept(inbound);
    } catch (error) {
      // Not stored means not acknowledged: WeCom will deliver it again.
      logger.error({ err: error, msgId: inbound.id }, 'could not store a WeCom callback');
      return refuse(res, 500, 'not stored');
    }
    res.status(200).end();
    if (isNew) setImmediate(() => deps.process(inbound));
  });

  // Body errors (too large, bad encoding) from express.text.
  route.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      logger.warn({ ip: req.ip }, 'WeCom callback body over 1 MB: refused');
      return refuse(res, 413, 'body too large');
    }
    logger.warn({ ip: req.ip, err }, 'WeCom callback body unreadable');
    refuse(res, e.status && e.status >= 400 && e.status < 500 ? e.status : 400, 'bad body');
  });
  return route;
}
