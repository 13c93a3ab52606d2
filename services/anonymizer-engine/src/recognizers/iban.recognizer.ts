import { isValidIBAN } from 'ibantools';
import { patternRecognizer } from '../recognizer.js';

// Country code, check digits, then either the compact form or 1-4 character groups with a mandatory
// separator (one way to split a run, so no backtracking blow-up); the checksum (ibantools) decides,
// trimming trailing groups that are really the next word.
const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?:[ \-][A-Za-z0-9]{1,4}){3,8})(?![\p{L}\p{N}])/gu;

export function ibanValidate(match: string): false | { start: number; end: number; score: number } {
  const groups = match.split(/(?=[ \-])/);
  for (let n = groups.length; n >= 1; n--) {
    const candidate = groups.slice(0, n).join('');
    const compact = candidate.replace(/[ \-]/g, '').toUpperCase();
    if (compact.length >= 15 && isValidIBAN(compact)) return { start: 0, end: candidate.length, score: 1 };
  }
  return false;
}

export const ibanRecognizer = patternRecognizer({
  name: 'iban',
  type: 'IBAN',
  patterns: [{ regex: IBAN, score: 1 }],
  validate: ibanValidate,
});
