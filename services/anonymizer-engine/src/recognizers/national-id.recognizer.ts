import { patternRecognizer } from '../recognizer.js';
import { digitsOnly, luhnValid, modDecimal } from '../text.js';

/**
 * French NIR (numéro de sécurité sociale) with its control key: 97 - (number mod 97), Corsica's 2A/2B
 * read as 19/18. Sex, year, month (01-12, or 20-42 / 50-99 for some registrations), department, commune, order.
 */
const NIR = /(?<![\p{L}\p{N}])[12378][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[ABab])[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?(?![\p{L}\p{N}])/gu;

export function nirValid(match: string): boolean {
  const compact = match.replace(/[ .]/g, '').toUpperCase();
  if (compact.length !== 15) return false;
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(compact.slice(13));
  if (!/^\d{13}$/.test(body)) return false;
  return 97 - modDecimal(body, 97) === key;
}

export const nirRecognizer = patternRecognizer({
  name: 'fr-nir',
  type: 'NATIONAL_ID',
  patterns: [{ regex: NIR, score: 1 }],
  validate: (match) => (nirValid(match) ? 1 : false),
});

/** SIREN (9 digits) and SIRET (14 digits), Luhn; La Poste's SIRETs use the digit sum mod 5 instead. */
const SIRET = /(?<![\p{L}\p{N}])\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}(?![\p{L}\p{N}])/gu;
const SIREN = /(?<![\p{L}\p{N}])\d{3}[ .]?\d{3}[ .]?\d{3}(?![\p{L}\p{N}]|[ .]\d)/gu;
const SIREN_CONTEXT = { fr: ['siren', 'siret', 'rcs', 'entreprise', 'societe', 'immatricul', 'tva', 'kbis', 'numero'], en: ['siren', 'siret', 'company', 'registration', 'business', 'vat'] };

export function siretValid(match: string): boolean {
  const d = digitsOnly(match);
  if (d.length !== 14 || /^0+$/.test(d)) return false;
  if (d.startsWith('356000000')) return [...d].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  return luhnValid(d);
}

export const siretRecognizer = patternRecognizer({
  name: 'fr-siret',
  type: 'NATIONAL_ID',
  patterns: [{ regex: SIRET, score: 0.85 }],
  context: SIREN_CONTEXT,
  contextBoost: 0.15,
  validate: (match) => siretValid(match),
});

export const sirenRecognizer = patternRecognizer({
  name: 'fr-siren',
  type: 'NATIONAL_ID',
  patterns: [{ regex: SIREN, score: 0.6 }],
  context: SIREN_CONTEXT,
  contextBoost: 0.35,
  // One 9-digit number in ten passes Luhn by chance: spaced groups or a context word are needed.
  validate: (match) => {
    const d = digitsOnly(match);
    if (!luhnValid(d) || /^0+$/.test(d)) return false;
    return /[ .]/.test(match) ? 0.6 : 0.4;
  },
});

/** US Social Security number, area/group/serial rules (no 000, 666, 9xx, 00, 0000). */
const SSN = /(?<![\p{L}\p{N}\-])(?!000|666|9\d\d)\d{3}([\- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\p{L}\p{N}]|-\d)/gu;
export const usSsnRecognizer = patternRecognizer({
  name: 'us-ssn',
  type: 'NATIONAL_ID',
  patterns: [{ regex: SSN, score: 0.6 }],
  context: { en: ['ssn', 'social security', 'social'], fr: ['ssn', 'securite sociale'] },
  contextBoost: 0.35,
});

/** UK National Insurance number (QQ 12 34 56 C), excluded prefixes per HMRC. */
const NINO = /(?<![\p{L}\p{N}])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu;
export const ukNinoRecognizer = patternRecognizer({
  name: 'uk-nino',
  type: 'NATIONAL_ID',
  patterns: [{ regex: NINO, score: 0.75 }],
  context: { en: ['national insurance', 'nino', 'ni number'], fr: ['assurance'] },
  contextBoost: 0.2,
});

/** UK NHS number: 10 digits (3-3-4), mod 11 check digit. */
const NHS = /(?<![\p{L}\p{N}])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?![\p{L}\p{N}])/gu;
export const ukNhsRecognizer = patternRecognizer({
  name: 'uk-nhs',
  type: 'NATIONAL_ID',
  patterns: [{ regex: NHS, score: 0.3 }],
  context: { en: ['nhs', 'health service'], fr: ['nhs'] },
  contextBoost: 0.6,
  validate: (match) => {
    const d = digitsOnly(match);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
    const check = 11 - (sum % 11);
    return (check === 11 ? 0 : check) === Number(d[9]) && check !== 10;
  },
});

/** Spanish DNI / NIE: 8 digits (or X/Y/Z + 7) and the mod-23 letter. */
const DNI = /(?<![\p{L}\p{N}])[XYZxyz]?\d{7,8}[ \-]?[A-Za-z](?![\p{L}\p{N}])/gu;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
export const esDniRecognizer = patternRecognizer({
  name: 'es-dni',
  type: 'NATIONAL_ID',
  patterns: [{ regex: DNI, score: 0.8 }],
  validate: (match) => {
    const m = match.toUpperCase().replace(/[ \-]/g, '');
    const prefix = 'XYZ'.indexOf(m[0] ?? '');
    const body = prefix >= 0 ? String(prefix) + m.slice(1, -1) : m.slice(0, -1);
    if (!/^\d{8}$/.test(body)) return false;
    return DNI_LETTERS[modDecimal(body, 23)] === m[m.length - 1];
  },
});

/** Italian codice fiscale (shape only: 6 letters, 2 digits, month letter, 2 digits, letter, 3 digits, letter). */
const CF = /(?<![\p{L}\p{N}])[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z](?![\p{L}\p{N}])/gu;
export const itFiscalCodeRecognizer = patternRecognizer({
  name: 'it-fiscal-code',
  type: 'NATIONAL_ID',
  patterns: [{ regex: CF, score: 0.85 }],
});

/** Belgian national register number (YY.MM.DD-XXX.CC), mod 97 (with the 2000+ variant). */
const BE_NRN = /(?<![\p{L}\p{N}])\d{2}[.]?\d{2}[.]?\d{2}[\-. ]?\d{3}[.\- ]?\d{2}(?![\p{L}\p{N}])/gu;
export const beNrnRecognizer = patternRecognizer({
  name: 'be-nrn',
  type: 'NATIONAL_ID',
  patterns: [{ regex: BE_NRN, score: 0.5 }],
  context: { fr: ['registre national', 'numero national', 'niss', 'belge', 'belgique'], en: ['national register', 'belgian', 'niss'] },
  contextBoost: 0.4,
  validate: (match) => {
    const d = digitsOnly(match);
    if (d.length !== 11) return false;
    const body = d.slice(0, 9);
    const check = Number(d.slice(9));
    const ok = 97 - modDecimal(body, 97) === check || 97 - modDecimal('2' + body, 97) === check;
    return ok && /[.\-]/.test(match) ? 0.7 : ok ? 0.5 : false;
  },
});
