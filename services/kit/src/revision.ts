import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from './errors.js';

/** What a step returns when the document's `rev` moved between its read and its guarded write. */
export const REVISION_CHANGED: unique symbol = Symbol('revision changed');

export interface RevisionRetryPolicy {
  /** Reads and writes tried before giving up; 5 unless the write is known to be contended. */
  attempts: number;
  /** Upper bound of the first wait; it doubles per attempt (exponential backoff). */
  baseDelayMs: number;
  /** Upper bound of any single wait. */
  maxDelayMs: number;
}

export const defaultRevisionRetryPolicy: RevisionRetryPolicy = Object.freeze({ attempts: 5, baseDelayMs: 5, maxDelayMs: 100 });

/**
 * Every attempt saw the document change under it. An AppError with code CONFLICT, so a resolver that
 * lets it through tells the client to retry; an event handler that lets it through makes the bus
 * redeliver the message later. Either way nothing is acknowledged as done.
 */
export class RevisionConflictError extends AppError {
  constructor(message: string, readonly attempts: number) {
    super('CONFLICT', message);
    this.name = 'RevisionConflictError';
  }
}

/**
 * The wait after failed attempt `attempt` (0-based): "full jitter", uniform in [0, min(max, base * 2^attempt)],
 * so writers that collided once do not collide again in lockstep.
 */
export function revisionBackoffMs(attempt: number, policy: Pick<RevisionRetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * (ceiling + 1));
}

/**
 * The one read-then-write-if-`rev`-unchanged loop. `step` reads the document, decides, and writes with
 * a `rev` guard; it returns its result, or REVISION_CHANGED when the guard matched nothing. After the
 * last attempt a RevisionConflictError (code CONFLICT, `message` for the caller) is thrown: never a
 * silent give-up.
 */
export async function retryOnRevision<T>(
  message: string,
  step: (attempt: number) => Promise<T | typeof REVISION_CHANGED>,
  policy: Partial<RevisionRetryPolicy> = {},
): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs } = { ...defaultRevisionRetryPolicy, ...policy };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const result = await step(attempt);
    if (result !== REVISION_CHANGED) return result;
    if (attempt + 1 < attempts) await delay(revisionBackoffMs(attempt, { baseDelayMs, maxDelayMs }));
  }
  throw new RevisionConflictError(message, attempts);
}
