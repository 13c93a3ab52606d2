import { describe, expect, test } from '@jest/globals';
import { askedAgain, newTasks, watchdogStep, withTaskAnswer, type TaskDoc } from '../src/domain/tasks.js';

const t0 = new Date('2026-01-10T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const expected = ['identity', 'consent'];
const pending = (): TaskDoc => newTasks(['consent'], t0)[0]!;

describe('a holder task follows its answers', () => {
  test('a DONE answer completes a pending task and adds the holder-reported attempts', () => {
    const [task] = withTaskAnswer([pending()], expected, { service: 'consent', outcome: 'DONE', attempts: 3 }, later(1))!;
    expect(task).toMatchObject({ status: 'DONE', attempts: 3, lastError: null, answeredAt: later(1) });
  });

  test('a FAILED answer keeps its code; a retry makes it PENDING again with one more ask; a later DONE replaces it', () => {
    const [failed] = withTaskAnswer([pending()], expected, { service: 'consent', outcome: 'FAILED', errorCode: 'DatabaseBlip', attempts: 7 }, later(1))!;
    expect(failed).toMatchObject({ status: 'FAILED', lastError: 'DatabaseBlip', attempts: 7 });
    const retried = askedAgain(failed!, later(2));
    expect(retried).toMatchObject({ status: 'PENDING', asks: 2, lastError: 'DatabaseBlip', answeredAt: null });
    const [done] = withTaskAnswer([retried], expected, { service: 'consent', outcome: 'DONE', attempts: 1 }, later(3))!;
    expect(done).toMatchObject({ status: 'DONE', asks: 2, attempts: 8 });
  });

  test.each([
    ['a DONE task ignores a late FAILED from an older ask', 'DONE', 'FAILED'],
    ['a DONE task ignores a repeated DONE', 'DONE', 'DONE'],
    ['a FAILED task ignores a second FAILED until it is retried', 'FAILED', 'FAILED'],
  ] as const)('%s', (_, status, outcome) => {
    expect(withTaskAnswer([{ ...pending(), status }], expected, { service: 'consent', outcome }, later(1))).toBeNull();
  });

  test('an answer from a service the request does not expect changes nothing', () => {
    expect(withTaskAnswer([pending()], expected, { service: 'reporting', outcome: 'DONE' }, later(1))).toBeNull();
  });

  test('a request from before tasks existed gets the task with the answer', () => {
    expect(withTaskAnswer([], expected, { service: 'identity', outcome: 'DONE' }, later(1))).toEqual([expect.objectContaining({ service: 'identity', status: 'DONE', asks: 1 })]);
  });
});

describe('the watchdog step of one task', () => {
  test.each([
    ['a task asked less than the delay ago is left alone', 59_999, 1, null],
    ['a silent task is asked again after the delay', 60_000, 1, { status: 'PENDING', asks: 2 }],
    ['a silent task asked the last time is given up as NO_ANSWER', 60_000, 3, { status: 'FAILED', asks: 3, lastError: 'NO_ANSWER' }],
  ] as const)('%s', (_, elapsed, asks, outcome) => {
    const step = watchdogStep({ ...pending(), asks }, later(elapsed), 60_000, 3);
    if (outcome === null) expect(step).toBeNull();
    else expect(step).toMatchObject(outcome);
  });

  test('an answered task is never asked again', () => {
    expect(watchdogStep({ ...pending(), status: 'DONE' }, later(10 * 60_000), 60_000, 3)).toBeNull();
    expect(watchdogStep({ ...pending(), status: 'FAILED' }, later(10 * 60_000), 60_000, 3)).toBeNull();
  });
});
