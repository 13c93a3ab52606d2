import { describe, expect, test } from '@jest/globals';
import { dueDate, extendedDueDate } from '../src/domain/deadline.js';

describe('dueDate: one calendar month after the request (GDPR Art. 12(3))', () => {
  test.each([
    ['2025-01-15T10:30:00.000Z', '2025-02-15T10:30:00.000Z', 'the same day of the next month, same time'],
    ['2025-01-31T08:00:00.000Z', '2025-02-28T08:00:00.000Z', 'the last day of a short February'],
    ['2024-01-31T08:00:00.000Z', '2024-02-29T08:00:00.000Z', 'the 29th of February in a leap year'],
    ['2024-01-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', 'the 29th when it exists'],
    ['2025-01-29T00:00:00.000Z', '2025-02-28T00:00:00.000Z', 'the 28th when the 29th does not exist'],
    ['2025-03-31T23:59:59.999Z', '2025-04-30T23:59:59.999Z', 'the 30th of a 30-day month'],
    ['2025-08-31T12:00:00.000Z', '2025-09-30T12:00:00.000Z', 'September after August 31'],
    ['2025-12-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z', 'January of the next year'],
    ['2025-12-31T09:00:00.000Z', '2026-01-31T09:00:00.000Z', 'January 31 after December 31'],
    ['2025-02-28T09:00:00.000Z', '2025-03-28T09:00:00.000Z', 'March 28, not the end of March, after February 28'],
    ['2100-01-31T00:00:00.000Z', '2100-02-28T00:00:00.000Z', 'February 28 in 2100, which is not a leap year'],
    ['2000-01-31T00:00:00.000Z', '2000-02-29T00:00:00.000Z', 'February 29 in 2000, which is a leap year'],
  ])('a request made at %s is due at %s (%s)', (requested, due) => {
    expect(dueDate(new Date(requested)).toISOString()).toBe(due);
  });

  test('the deadline never falls before the request nor more than 31 days after it', () => {
    for (let day = 0; day < 800; day++) {
      const requested = new Date(Date.UTC(2023, 0, 1 + day, 13, 7));
      const days = (dueDate(requested).getTime() - requested.getTime()) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(28);
      expect(days).toBeLessThanOrEqual(31);
    }
  });
});

describe('extendedDueDate: one or two further months, counted from receipt', () => {
  test.each([
    ['2025-01-31T08:00:00.000Z', 1, '2025-03-31T08:00:00.000Z', 'two months after January 31 is March 31, not March 28'],
    ['2025-01-31T08:00:00.000Z', 2, '2025-04-30T08:00:00.000Z', 'three months after January 31 is the last day of April'],
    ['2024-11-30T00:00:00.000Z', 2, '2025-02-28T00:00:00.000Z', 'across a year end into a short February'],
    ['2025-12-15T09:00:00.000Z', 1, '2026-02-15T09:00:00.000Z', 'into the next year'],
  ])('a request of %s extended by %i month(s) is due at %s (%s)', (requested, months, due) => {
    expect(extendedDueDate(new Date(requested), months).toISOString()).toBe(due);
  });
});
