import { describe, expect, test } from '@jest/globals';
import { buildTrends } from '../../src/analysis/index.js';

const at = (iso: string, score: number | null = 0) => ({ submittedAt: new Date(iso), score });

describe('trends', () => {
  test('uses days over a short span and keeps empty days', () => {
    expect(buildTrends([at('2025-03-01T09:00:00Z', 0.5), at('2025-03-03T09:00:00Z', -0.5), at('2025-03-03T18:00:00Z', 0)])).toEqual([
      { period: '2025-03-01', count: 1, sentiment: 0.5 },
      { period: '2025-03-02', count: 0, sentiment: 0 },
      { period: '2025-03-03', count: 2, sentiment: -0.25 },
    ]);
  });

  test('uses ISO weeks over a few months, across a year boundary', () => {
    const periods = buildTrends([at('2024-12-20T00:00:00Z'), at('2025-02-20T00:00:00Z')]).map((t) => t.period);
    expect(periods[0]).toBe('2024-W51');
    expect(periods).toContain('2025-W01');
    expect(periods.at(-1)).toBe('2025-W08');
  });

  test('uses months over a longer span and years beyond five', () => {
    expect(buildTrends([at('2024-01-15T00:00:00Z'), at('2024-12-15T00:00:00Z')])).toHaveLength(12);
    expect(buildTrends([at('2015-06-01T00:00:00Z'), at('2025-06-01T00:00:00Z')]).map((t) => t.period)).toHaveLength(11);
  });

  test('responses without dates give no trend; unscored ones count but do not move sentiment', () => {
    expect(buildTrends([{ score: 0.3 }])).toEqual([]);
    expect(buildTrends([at('2025-03-01T00:00:00Z', null), at('2025-03-01T01:00:00Z', 0.4)])).toEqual([{ period: '2025-03-01', count: 2, sentiment: 0.4 }]);
  });
});
