import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's second recommended profile (19 MiB, 2 passes, 1 lane): memory-hard, and
 * around 20-40 ms per hash on one core here.
 */
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum the compiler cannot inline here)
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified when the email is unknown, so a wrong email and a wrong password take the same time. */
export const decoyHash = await hashPassword('decoy-password-for-unknown-emails');
