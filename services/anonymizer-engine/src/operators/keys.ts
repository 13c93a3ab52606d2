import { createHash, createHmac } from 'node:crypto';

/** Derives a 32-byte key for one purpose from the workspace key (bytes or passphrase). */
export function deriveKey(key: Uint8Array | string, purpose: string): Buffer {
  if (typeof key !== 'string' && !(key instanceof Uint8Array)) {
    throw new Error('the hash and encrypt operators need { key }: the workspace key as a string or bytes');
  }
  if (typeof key === 'string' ? key.length === 0 : key.byteLength === 0) {
    throw new Error('an empty key was given to the hash or encrypt operator; pass the workspace key');
  }
  const material = typeof key === 'string' ? createHash('sha256').update(key, 'utf8').digest() : Buffer.from(key);
  return createHmac('sha256', material).update(`verbatim-anonymizer/${purpose}`).digest();
}
