import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';

// Anchored on each "@": the local part is read backwards (at most 64 characters) and the domain forwards
// with a sticky, bounded regex, so the cost is linear in the text whatever it holds.
const LOCAL_CHAR = /[\p{L}\p{N}._%+\-]/u;
const DOMAIN = /[\p{L}\p{N}\-]{1,63}(?:\.[\p{L}\p{N}\-]{1,63}){0,6}\.\p{L}{2,24}(?![\p{L}\p{N}\-])/uy;

export const emailRecognizer: Recognizer = {
  name: 'email',
  types: ['EMAIL'],
  languages: ['fr', 'en'],
  analyze({ text }) {
    const out: Finding[] = [];
    let at = text.indexOf('@');
    let floor = 0;
    while (at !== -1) {
      let start = at;
      while (start > floor && at - start < 64 && LOCAL_CHAR.test(text[start - 1] as string)) start--;
      // A local part longer than 64 characters is not an address.
      const tooLong = start > floor && LOCAL_CHAR.test(text[start - 1] as string);
      while (start < at && text[start] === '.') start++;
      DOMAIN.lastIndex = at + 1;
      const m = tooLong || start === at ? null : DOMAIN.exec(text);
      const local = m ? text.slice(start, at) : '';
      if (m && !local.includes('..') && !local.endsWith('.')) {
        const end = at + 1 + m[0].length;
        out.push({ type: 'EMAIL', start, end, score: 1, recognizer: 'email' });
        floor = end;
      }
      at = text.indexOf('@', at + 1);
    }
    return out;
  },
};
