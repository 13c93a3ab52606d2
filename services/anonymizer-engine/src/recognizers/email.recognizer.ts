import { patternRecognizer } from '../recognizer.js';

// Quantifiers are bounded so that a long run of address-like characters costs O(n * 64), never O(n^2).
const EMAIL = /(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]{1,64}@[\p{L}\p{N}\-]{1,63}(?:\.[\p{L}\p{N}\-]{1,63}){0,6}\.\p{L}{2,24}(?![\p{L}\p{N}\-])/gu;

export const emailRecognizer = patternRecognizer({
  name: 'email',
  type: 'EMAIL',
  patterns: [{ regex: EMAIL, score: 1 }],
  validate: (match) => !match.startsWith('.') && !match.includes('..') && !match.includes('.@'),
});
