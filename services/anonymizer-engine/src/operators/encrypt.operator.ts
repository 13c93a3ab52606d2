import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { deriveKey } from './keys.js';
import type { Operator } from './operator.js';

const PREFIX = '<ENC:';
const SUFFIX = '>';

/**
 * AES-256-GCM with a synthetic IV (HMAC of the plaintext under a separate key): deterministic, so the
 * operator stays pure and equal values give equal tokens, and an IV repeats only for an identical
 * plaintext. Reversible only with the workspace key, through `decrypt`.
 */
export const encryptOperator: Operator<'encrypt'> = {
  kind: 'encrypt',
  apply: ({ value, config }) => encryptValue(value, config.key),
};

export function encryptValue(value: string, key: Uint8Array | string): string {
  const plaintext = Buffer.from(value, 'utf8');
  const iv = createHmac('sha256', deriveKey(key, 'encrypt-iv')).update(plaintext).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(key, 'encrypt'), iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const token = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  return `${PREFIX}${token}${SUFFIX}`;
}

/** Inverse of the encrypt operator; throws if the token was altered or the key is wrong. */
export function decrypt(token: string, key: Uint8Array | string): string {
  let raw = token.trim();
  if (raw.startsWith(PREFIX) && raw.endsWith(SUFFIX)) raw = raw.slice(PREFIX.length, -SUFFIX.length);
  const bytes = Buffer.from(raw, 'base64url');
  if (bytes.length < 28) throw new Error('not an encrypt-operator token: expected <ENC:...> as produced by anonymize()');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(key, 'encrypt'), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('cannot decrypt this token: wrong workspace key or altered token');
  }
}
