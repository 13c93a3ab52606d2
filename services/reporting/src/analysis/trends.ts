import { round } from './sentiment.js';
import type { TrendPoint } from '../core/types.js';

const DAY_MS = 86_400_000;

type Granularity = 'day' | 'week' | 'month' | 'year';

function isoWeek(date: Date): string {
  // ISO 8601: the week belongs to the year of its Thursday.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function periodOf(date: Date, granularity: Granularity): string {
  const iso = date.toISOString();
  switch (granularity) {
    case 'day':
      return iso.slice(0, 10);
    case 'week':
      return isoWeek(date);
    case 'month':
      return iso.slice(0, 7);
    case 'year':
      return iso.slice(0, 4);
  }
}

function nextStart(date: Date, granularity: Granularity): Date {
  const next = new Date(date.getTime());
  if (granularity === 'day') next.setUTCDate(next.getUTCDate() + 1);
  else if (granularity === 'week') next.setUTCDate(next.getUTCDate() + 7);
  else if (granularity === 'month') next.setUTCMonth(next.getUTCMonth() + 1, 1);
  else next.setUTCFullYear(next.getUTCFullYear() + 1, 0, 1);
  return next;
}

/** Day, ISO week, month or year, so that a trend has at most about 60 points. */
export function granularityFor(spanMs: number): Granularity {
  if (spanMs <= 31 * DAY_MS) return 'day';
  if (spanMs <= 182 * DAY_MS) return 'week';
  if (spanMs <= 5 * 366 * DAY_MS) return 'month';
  return 'year';
}

/**
 * Responses and mean sentiment per period, in time order, with empty periods kept (count 0) so a
 * chart shows gaps honestly. Responses without a valid date are left out; none dated gives [].
 */
export function buildTrends(points: ReadonlyArray<{ submittedAt?: Date | undefined; score: number | null }>): TrendPoint[] {
  const dated = points.filter((p): p is { submittedAt: Date; score: number | null } => p.submittedAt instanceof Date && !Number.isNaN(p.submittedAt.getTime()));
  if (dated.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const p of dated) {
    min = Math.min(min, p.submittedAt.getTime());
    max = Math.max(max, p.submittedAt.getTime());
  }
  const granularity = granularityFor(max - min);
  const buckets = new Map<string, { count: number; sum: number; scored: number }>();
  for (let cursor = new Date(min); ; cursor = nextStart(cursor, granularity)) {
    const period = periodOf(cursor, granularity);
    if (!buckets.has(period)) buckets.set(period, { count: 0, sum: 0, scored: 0 });
    if (cursor.getTime() > max) break;
  }
  // The walk above steps from the first date, so it can overshoot into one extra trailing period.
  const last = periodOf(new Date(max), granularity);
  for (const p of dated) {
    const bucket = buckets.get(periodOf(p.submittedAt, granularity))!;
    bucket.count += 1;
    if (p.score !== null) {
      bucket.sum += p.score;
      bucket.scored += 1;
    }
  }
  const trends: TrendPoint[] = [];
  for (const [period, bucket] of buckets) {
    if (period > last) break;
    trends.push({ period, count: bucket.count, sentiment: bucket.scored === 0 ? 0 : round(bucket.sum / bucket.scored) });
  }
  return trends;
}
