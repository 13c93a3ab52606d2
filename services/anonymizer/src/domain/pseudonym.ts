import { createHmac } from 'node:crypto';

export type Pseudonymizer = (respondentId: string) => string;

/**
 * `R-` + the first 12 hex of HMAC-SHA256(key, respondentId). Keyed, so nobody without the key can link a
 * pseudonym back to a respondent id; deterministic, so rights requests find the same subject again.
 */
export function createPseudonymizer(keyHex: string): Pseudonymizer {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('the pseudonym key must be 64 hexadecimal characters');
  const key = Buffer.from(keyHex, 'hex');
  return (respondentId) => `R-${createHmac('sha256', key).update(respondentId, 'utf8').digest('hex').slice(0, 12)}`;
}
