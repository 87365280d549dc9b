// Number and chart formatting for phone-sized replies.

/** Yuan → '12.5万' (one decimal below 100万, none above); small amounts stay in 元. */
export function wan(yuan: number): string {
  if (yuan === 0) return '0';
  if (Math.abs(yuan) < 10_000) return `${Math.round(yuan)}元`;
  const w = yuan / 10_000;
  const digits = Math.abs(w) >= 100 ? 0 : 1;
  return `${Number(w.toFixed(digits))}万`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** Sparkline scaled from 0 to the series max, so a drop to zero is visible as ▁. */
export function sparkline(values: number[]): string {
  const max = Math.max(...values, 0);
  if (max === 0) return BARS[0]!.repeat(values.length);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
}

/** Signed number with sensible rounding: '+1.2', '-0.4', '0'. */
export function signed(value: number, digits = 1): string {
  const r = Number(value.toFixed(digits));
  if (r === 0) return '0';
  return r > 0 ? `+${r}` : `${r}`;
}

export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

/** 'YYYY-MM-DD' → 'M/D'. */
export function shortDateOf(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}/${Number(d)}`;
}
