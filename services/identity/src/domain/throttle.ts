import { createHash } from 'node:crypto';
import { AppError } from '@verbatim/kit';
import type { LoginThrottleDoc } from '../model/login-throttle.repository.js';
import type { IdentityDeps } from './deps.js';

/** Failures allowed freely, then a delay doubling from baseDelayMs (at most maxDelayMs), then a lock. */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  lockAfterFailures: number;
  lockMs: number;
  /** Failures older than this are forgotten (unless locked). */
  windowMs: number;
}

export interface ThrottlePolicies {
  account: ThrottlePolicy;
  address: ThrottlePolicy;
}

/**
 * Per account: 3 free tries, then 0.5 s, 1 s, 2 s, 4 s between tries, locked 15 minutes at the 8th
 * failure (about 16 s for a fast attacker). Per address: more room (an office behind one NAT), then
 * the same shape, locked at 50 failures across any accounts.
 */
export const defaultThrottlePolicies: ThrottlePolicies = {
  account: { freeFailures: 3, baseDelayMs: 500, maxDelayMs: 30_000, lockAfterFailures: 8, lockMs: 15 * 60_000, windowMs: 15 * 60_000 },
  address: { freeFailures: 20, baseDelayMs: 250, maxDelayMs: 5_000, lockAfterFailures: 50, lockMs: 15 * 60_000, windowMs: 15 * 60_000 },
};

/**
 * Sending a respondent's one-time code, counted per address mailed (3 at once, then 30 s doubling, locked
 * an hour at the 10th within the hour) and per client address (a shop's customers may share one network),
 * so the page cannot be used to flood someone's inbox.
 */
export const respondentCodePolicies = {
  email: { freeFailures: 3, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, lockAfterFailures: 10, lockMs: 60 * 60_000, windowMs: 60 * 60_000 },
  address: { freeFailures: 50, baseDelayMs: 1_000, maxDelayMs: 60_000, lockAfterFailures: 200, lockMs: 15 * 60_000, windowMs: 15 * 60_000 },
} satisfies Record<string, ThrottlePolicy>;

/** One code sent (every send counts, right or wrong address): the keys are the address's digest and the client's network address. */
export function codeRequestAttempt(emailDigest: string, address: string | undefined): LoginAttempt {
  return {
    keys: [
      { id: `respondent-code:${emailDigest}`, policy: respondentCodePolicies.email },
      ...(address ? [{ id: `respondent-code-address:${address}`, policy: respondentCodePolicies.address }] : []),
    ],
    refusal: (s) => `Too many codes were asked for: try again in ${s} s.`,
  };
}

/** Keys hold no personal data: the email is hashed (an address is not stored in logs either). */
const accountKey = (email: string) => `account:${createHash('sha256').update(email).digest('base64url')}`;
const addressKey = (address: string) => `address:${address}`;

function retryAt(doc: LoginThrottleDoc, policy: ThrottlePolicy): number {
  if (doc.lockedUntil.getTime() > Date.now()) return doc.lockedUntil.getTime();
  if (Date.now() - doc.windowStart.getTime() > policy.windowMs) return 0;
  if (doc.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (doc.failures - policy.freeFailures));
  return doc.lastFailureAt.getTime() + delay;
}

export interface LoginAttempt {
  keys: Array<{ id: string; policy: ThrottlePolicy }>;
  /** The message of a refusal, when it is not a sign-in. */
  refusal?: (retryAfterSeconds: number) => string;
}

/** The same answer whether or not an account uses the email: the key is the submitted email. */
export function loginAttempt(deps: IdentityDeps, email: string, address: string | undefined): LoginAttempt {
  return {
    keys: [
      { id: accountKey(email), policy: deps.throttle.account },
      ...(address ? [{ id: addressKey(address), policy: deps.throttle.address }] : []),
    ],
  };
}

/** Refuses (without checking the password) while a delay or lock is on; refused tries do not count. */
export async function checkThrottle(deps: IdentityDeps, attempt: LoginAttempt): Promise<void> {
  const docs = new Map((await deps.throttles.findByIds(attempt.keys.map((k) => k.id))).map((d) => [d._id, d]));
  let until = 0;
  for (const { id, policy } of attempt.keys) {
    const doc = docs.get(id);
    if (doc) until = Math.max(until, retryAt(doc, policy));
  }
  const wait = until - Date.now();
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait / 1000);
    throw new AppError('RATE_LIMITED', attempt.refusal?.(retryAfterSeconds) ?? `Too many failed sign-ins: try again in ${retryAfterSeconds} s, or reset your password.`, { retryAfterSeconds });
  }
}

export async function recordFailure(deps: IdentityDeps, attempt: LoginAttempt): Promise<void> {
  const now = new Date();
  for (const { id, policy } of attempt.keys) {
    const doc = await deps.throttles.recordFailure(id, now, new Date(now.getTime() - policy.windowMs));
    if (doc.failures >= policy.lockAfterFailures) await deps.throttles.lock(id, new Date(now.getTime() + policy.lockMs));
  }
}

/** A successful sign-in clears its account's count, not the address's (other accounts may be attacked from it). */
export async function recordSuccess(deps: IdentityDeps, attempt: LoginAttempt): Promise<void> {
  await deps.throttles.clear(attempt.keys[0]!.id);
}
