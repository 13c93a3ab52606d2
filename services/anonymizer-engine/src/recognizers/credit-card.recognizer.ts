import { patternRecognizer } from '../recognizer.js';
import { digitsOnly, luhnValid } from '../text.js';

const CARD = /(?<![\p{N}\-])\d(?:[ \-]?\d){11,18}(?![\p{N}])/gu;

/** Issuer prefixes and lengths (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
function knownIssuer(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p4 = Number(d.slice(0, 4));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059)) return n >= 14 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p4 === 1800 || p4 === 2131) return n === 15; // JCB, older 15-digit ranges
  if (p2 === 62) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  return false;
}

/** Prefix-only version of knownIssuer, a cheap first filter. */
function issuerPrefix(p: string): boolean {
  const p1 = p[0];
  if (p1 === '4') return true;
  const p2 = Number(p.slice(0, 2));
  const p4 = Number(p);
  return p === '1800' || p === '2131' || (p2 >= 50 && p2 <= 69) || (p4 >= 2221 && p4 <= 2720) || p2 === 34 || p2 === 37 || p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059) || (p4 >= 3528 && p4 <= 3589);
}

export const creditCardRecognizer = patternRecognizer({
  name: 'credit-card',
  type: 'CREDIT_CARD',
  patterns: [{ regex: CARD, score: 0.9 }],
  context: {
    fr: ['carte', 'cb', 'visa', 'mastercard', 'amex', 'paiement', 'numero de carte'],
    en: ['card', 'visa', 'mastercard', 'amex', 'credit', 'debit', 'payment'],
  },
  contextBoost: 0.1,
  validate: (match) => {
    if (!issuerPrefix(match.replace(/[ \-]/g, '').slice(0, 4))) return false;
    // A longer run of digit groups may hold a card followed by another number: try shorter prefixes.
    const groups = match.split(/(?=[ \-])/);
    for (let n = groups.length; n >= 1; n--) {
      const candidate = groups.slice(0, n).join('');
      const d = digitsOnly(candidate);
      if (d.length < 12) break;
      if (/^(\d)\1+$/.test(d) || !luhnValid(d) || !knownIssuer(d)) continue;
      return { start: 0, end: candidate.length, score: 0.9 };
    }
    return false;
  },
});
