import { setTimeout as delay } from 'node:timers/promises';
import type { ActionCount, RightsOutcome } from '@verbatim/contracts';
import { isPermanentError } from '../kafka/bus.js';
import { AppError } from '../errors.js';

/** How long a holder keeps retrying a failing strategy before it answers FAILED. */
export interface RightsRetryPolicy {
  /** Total time spent retrying (default 10 minutes: outlives a database failover or restart). */
  budgetMs: number;
  /** Upper bound of the first wait; it doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of any wait; below the consumer's session timeout, since we heart-beat between waits. */
  maxDelayMs: number;
}

export const defaultRightsRetryPolicy: RightsRetryPolicy = Object.freeze({ budgetMs: 10 * 60_000, baseDelayMs: 500, maxDelayMs: 20_000 });

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A stable code for an error, never its message (which may quote a value): the AppError code, else the
 * error's class name (MongoNetworkError, ...), else INTERNAL.
 */
export function errorCodeOf(err: unknown): string {
  if (err instanceof AppError && CODE.test(err.code)) return err.code;
  if (err instanceof Error && CODE.test(err.name) && err.name !== 'Error') return err.name;
  return 'INTERNAL';
}

export interface RetryResult {
  outcome: RightsOutcome;
  counts: ActionCount[];
  attempts: number;
  errorCode?: string;
}

/**
 * Runs `run` until it succeeds, it fails permanently, or the next wait would pass the budget; waits
 * are exponential with jitter (half to full), and `heartbeat` runs after each so the consumer keeps its
 * partitions meanwhile.
 */
export async function runWithRetries(
  run: () => Promise<ActionCount[]>,
  policy: RightsRetryPolicy,
  heartbeat: () => Promise<void>,
  onRetry: (attempt: number, errorCode: string, delayMs: number) => void = () => {},
): Promise<RetryResult> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return { outcome: 'DONE', counts: await run(), attempts: attempt };
    } catch (err) {
      const errorCode = errorCodeOf(err);
      const wait = Math.round(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      if (isPermanentError(err) || Date.now() - started + wait > policy.budgetMs) return { outcome: 'FAILED', counts: [], attempts: attempt, errorCode };
      onRetry(attempt, errorCode, wait);
      await delay(wait);
      await heartbeat();
    }
  }
}
