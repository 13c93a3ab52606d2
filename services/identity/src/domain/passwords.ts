import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { AppError } from '@verbatim/kit';
import pLimit from 'p-limit';

/**
 * Argon2id with OWASP's second recommended profile (19 MiB, 2 passes, 1 lane): memory-hard, and
 * around 20-40 ms per hash on one core here.
 */
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum the compiler cannot inline here)
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed hash; an unknown account is checked against a decoy. */
  verify(passwordHash: string | undefined, password: string): Promise<boolean>;
}

/** Verified when the email is unknown, so a wrong email and a wrong password take the same time. */
const decoyHash = await hash('decoy-password-for-unknown-emails', options);

/**
 * At most `concurrency` hashes run at once and `queue` callers wait; anyone beyond is refused with
 * SERVICE_BUSY at once, so a flood of anonymous sign-ins cannot take all memory and CPU.
 */
export function createPasswordHasher(concurrency: number, queue: number): PasswordHasher {
  const limit = pLimit(concurrency);
  // Counted here, synchronously: p-limit starts queued work a microtask later, so its own counts lag.
  let admitted = 0;
  const bounded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (admitted >= concurrency + queue) throw new AppError('SERVICE_BUSY', 'Too many sign-ins are being checked right now: try again in a few seconds.');
    admitted++;
    try {
      return await limit(work);
    } finally {
      admitted--;
    }
  };
  return {
    hash: (password) => bounded(() => hash(password, options)),
    verify: (passwordHash, password) => bounded(() => verify(passwordHash ?? decoyHash, password).catch(() => false)),
  };
}
