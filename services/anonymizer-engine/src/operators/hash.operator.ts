import { createHmac } from 'node:crypto';
import { normalizeValue } from '../text.js';
import { deriveKey } from './keys.js';
import type { Operator } from './operator.js';

const cache = new WeakMap<object, Buffer>();
const stringKeys = new Map<string, Buffer>();

function hashKey(key: Uint8Array | string): Buffer {
  if (typeof key === 'string') {
    let k = stringKeys.get(key);
    if (!k) {
      // One entry per workspace key; bounded so that a stream of distinct keys cannot grow it forever.
      if (stringKeys.size >= 1000) stringKeys.clear();
      stringKeys.set(key, (k = deriveKey(key, 'hash')));
    }
    return k;
  }
  let k = cache.get(key);
  if (!k) cache.set(key, (k = deriveKey(key, 'hash')));
  return k;
}

/** `<EMAIL:3f2a…>`: HMAC-SHA256 of the normalized value under the workspace key (16 hex digits). */
export const hashOperator: Operator<'hash'> = {
  kind: 'hash',
  apply: ({ type, value, config }) => {
    const digest = createHmac('sha256', hashKey(config.key)).update(`${type}:${normalizeValue(value)}`).digest('hex');
    return `<${type}:${digest.slice(0, 16)}>`;
  },
};
