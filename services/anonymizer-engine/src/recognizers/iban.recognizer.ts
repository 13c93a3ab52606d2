import { countrySpecs, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { patternRecognizer } from '../recognizer.js';

// Country code, check digits, then either the compact form or character groups with a mandatory
// separator (one way to split a run, so no backtracking blow-up): groups of four as printed on cards and
// statements, or a French RIB's fields (5 5 11 2). The checksum (ibantools) decides, trimming trailing
// groups that are really the next word.
const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?:[ \-][A-Za-z0-9]{1,11}){2,8})(?![\p{L}\p{N}])/gu;

export function ibanValidate(match: string): false | { start: number; end: number; score: number } {
  // Only the prefix whose length is the country's IBAN length can be valid: one checksum per match.
  const length = countrySpecs[match.slice(0, 2).toUpperCase()]?.chars;
  if (!length) return false;
  let compactLength = 0;
  let end = 0;
  for (const group of match.split(/(?=[ \-])/)) {
    compactLength += group.replace(/[ \-]/g, '').length;
    end += group.length;
    if (compactLength === length) {
      const { valid, errorCodes } = validateIBAN(match.slice(0, end).replace(/[ \-]/g, '').toUpperCase());
      if (valid) return { start: 0, end, score: 1 };
      // The international check passes but a national key does not (a French RIB key computed wrongly
      // for an account number with letters): still the shape and checksum of an IBAN.
      if (errorCodes.every((c) => c === ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return { start: 0, end, score: 0.9 };
      return false;
    }
    if (compactLength > length) return false;
  }
  return false;
}

export const ibanRecognizer = patternRecognizer({
  name: 'iban',
  type: 'IBAN',
  patterns: [{ regex: IBAN, score: 1 }],
  validate: ibanValidate,
});
