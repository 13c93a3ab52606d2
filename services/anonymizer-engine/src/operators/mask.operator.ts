import type { Operator } from './operator.js';

/**
 * Replaces every letter and digit with `char` (default `*`), keeping the last `keepLast` of them and
 * the separators, so "06 12 34 56 78" with keepLast 2 becomes "** ** ** ** 78".
 */
export const maskOperator: Operator<'mask'> = {
  kind: 'mask',
  apply: ({ value, config }) => {
    const char = config.char && config.char.length > 0 ? config.char : '*';
    let keep = Math.max(0, Math.floor(config.keepLast ?? 0));
    const chars = Array.from(value);
    for (let i = chars.length - 1; i >= 0; i--) {
      const c = chars[i] as string;
      if (!/[\p{L}\p{N}]/u.test(c)) continue;
      if (keep > 0) keep--;
      else chars[i] = char;
    }
    return chars.join('');
  },
};
