import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

describe('logger', () => {
  it('writes JSON lines and redacts secrets wherever they sit', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ token: 'tok-123', config: { secret: 's3cr3t', corpId: 'ww1' }, req: { headers: { authorization: 'Bearer abc' } } }, 'hello');
    const out = lines.join('');
    expect(JSON.parse(out)).toMatchObject({ msg: 'hello', token: '[redacted]', config: { secret: '[redacted]', corpId: 'ww1' } });
    for (const secret of ['tok-123', 's3cr3t', 'Bearer abc']) expect(out).not.toContain(secret);
  });
});
