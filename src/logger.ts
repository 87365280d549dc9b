// Structured logs (pino). Secrets are redacted by key wherever they appear in a log object.
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const REDACTED_KEYS = [
  'token',
  'apiToken',
  'accessToken',
  'access_token',
  'secret',
  'clientSecret',
  'corpSecret',
  'encodingAesKey',
  'authorization',
  'password',
  'ticket',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    {
      level,
      base: { app: 'sales-radar' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that drops everything: for tests and one-shot CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
