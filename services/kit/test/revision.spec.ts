import { describe, expect, test } from '@jest/globals';
import { AppError, REVISION_CHANGED, RevisionConflictError, retryOnRevision, revisionBackoffMs } from '../src/index.js';

// Waits of at most a few milliseconds keep the retry tests fast while still going through real timers.
const quick = { baseDelayMs: 1, maxDelayMs: 2 };

describe('retryOnRevision', () => {
  test('returns the result of the first attempt whose write went through', async () => {
    const seen: number[] = [];
    const result = await retryOnRevision('x', async (attempt) => {
      seen.push(attempt);
      return attempt < 2 ? REVISION_CHANGED : `written on attempt ${attempt}`;
    }, quick);
    expect(result).toBe('written on attempt 2');
    expect(seen).toEqual([0, 1, 2]);
  });

  test('a falsy result (false, undefined) is a result, not a retry', async () => {
    let calls = 0;
    expect(await retryOnRevision('x', async () => (calls++, false), quick)).toBe(false);
    expect(await retryOnRevision('x', async () => void calls++, quick)).toBeUndefined();
    expect(calls).toBe(2);
  });

  test('after the last attempt it throws a RevisionConflictError with code CONFLICT and the caller\'s message', async () => {
    let calls = 0;
    const failing = retryOnRevision('The thing changed; try again.', async () => (calls++, REVISION_CHANGED), { ...quick, attempts: 4 });
    await expect(failing).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(failing).rejects.toBeInstanceOf(AppError);
    await expect(failing).rejects.toMatchObject({ code: 'CONFLICT', message: 'The thing changed; try again.', attempts: 4 });
    expect(calls).toBe(4);
  });

  test('five attempts unless told otherwise', async () => {
    let calls = 0;
    await expect(retryOnRevision('x', async () => (calls++, REVISION_CHANGED), quick)).rejects.toMatchObject({ attempts: 5 });
    expect(calls).toBe(5);
  });

  test('an error thrown by the step stops the retries and reaches the caller unchanged', async () => {
    let calls = 0;
    const notFound = new AppError('NOT_FOUND', 'gone');
    await expect(retryOnRevision('x', async () => { calls++; throw notFound; }, quick)).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });
});

describe('revisionBackoffMs (full jitter)', () => {
  const policy = { baseDelayMs: 5, maxDelayMs: 100 };

  test.each([
    [0, 5],
    [1, 10],
    [2, 20],
    [4, 80],
    [5, 100],
    [9, 100],
  ])('after attempt %i the wait is at most %i ms, and as low as 0', (attempt, ceiling) => {
    expect(revisionBackoffMs(attempt, policy, () => 0)).toBe(0);
    expect(revisionBackoffMs(attempt, policy, () => 0.999_999)).toBe(ceiling);
  });

  test('waits are spread across the whole range, not fixed', () => {
    const waits = Array.from({ length: 500 }, () => revisionBackoffMs(3, policy));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(40);
    expect(new Set(waits).size).toBeGreaterThan(10);
  });
});
