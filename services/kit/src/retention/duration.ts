/**
 * ISO 8601 calendar durations as retention rules state them (P30D, P3Y, P1Y6M, P2W): years, months,
 * weeks and days only, since retention is counted in calendar time, not hours.
 */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export interface CalendarDuration {
  years: number;
  months: number;
  days: number;
}

export function parseDuration(text: string): CalendarDuration {
  const m = DURATION.exec(text);
  if (!m || text === 'P') throw new Error(`"${text}" is not an ISO 8601 duration of years, months, weeks and days (e.g. P30D, P5Y)`);
  const [, y, mo, w, d] = m;
  return { years: Number(y ?? 0), months: Number(mo ?? 0), days: Number(w ?? 0) * 7 + Number(d ?? 0) };
}

/** `at` moved back by `duration`, in UTC calendar terms (31 March minus P1M is 3 March, as Date does). */
export function before(at: Date, duration: CalendarDuration): Date {
  const t = new Date(at.getTime());
  t.setUTCFullYear(t.getUTCFullYear() - duration.years, t.getUTCMonth() - duration.months, t.getUTCDate() - duration.days);
  return t;
}

/** `at` moved forward by `duration`, in the same UTC calendar terms as `before`. */
export function after(at: Date, duration: CalendarDuration): Date {
  const t = new Date(at.getTime());
  t.setUTCFullYear(t.getUTCFullYear() + duration.years, t.getUTCMonth() + duration.months, t.getUTCDate() + duration.days);
  return t;
}
