import { describe, expect, it } from 'vitest';
import { parseQuietHours, quietUntil } from '../../../src/domain/sop/quiet-hours.ts';

const tz = 'Asia/Shanghai';
const at = (s: string) => Date.parse(`${s}+08:00`);

describe('quiet hours 21:00–08:00', () => {
  const q = parseQuietHours('21:00-08:00')!;

  it('lets pushes through during the day', () => {
    expect(quietUntil(at('2026-11-10T08:00:00'), tz, q)).toBeUndefined();
    expect(quietUntil(at('2026-11-10T20:59:59'), tz, q)).toBeUndefined();
  });

  it('holds an evening push until 08:00 the next morning', () => {
    expect(quietUntil(at('2026-11-10T21:00:00'), tz, q)).toBe(at('2026-11-11T08:00:00'));
    expect(quietUntil(at('2026-11-30T23:30:00'), tz, q)).toBe(at('2026-12-01T08:00:00'));
  });

  it('holds an early-morning push until 08:00 the same day', () => {
    expect(quietUntil(at('2026-11-11T00:10:00'), tz, q)).toBe(at('2026-11-11T08:00:00'));
    expect(quietUntil(at('2026-11-11T07:59:00'), tz, q)).toBe(at('2026-11-11T08:00:00'));
  });

  it('supports a window within one day and none at all', () => {
    expect(quietUntil(at('2026-11-10T12:30:00'), tz, parseQuietHours('12:00-13:30')!)).toBe(at('2026-11-10T13:30:00'));
    expect(quietUntil(at('2026-11-10T23:00:00'), tz, parseQuietHours('00:00-00:00')!)).toBeUndefined();
    expect(parseQuietHours('9pm-8am')).toBeNull();
  });
});
