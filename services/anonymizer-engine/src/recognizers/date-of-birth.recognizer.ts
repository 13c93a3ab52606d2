import { patternRecognizer } from '../recognizer.js';

const MONTHS_FR = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|janv\\.?|f[ée]vr?\\.?|avr\\.?|juil\\.?|sept?\\.?|oct\\.?|nov\\.?|d[ée]c\\.?';
const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const YEAR = '(?:19|20)\\d{2}';
const DATE = new RegExp(
  [
    `${DAY}[/.\\-]${DAY}[/.\\-](?:${YEAR}|\\d{2})`, // 12/03/1985, 03-12-85 (day or month first)
    `${YEAR}-(?:0?[1-9]|1[0-2])-${DAY}`, // 1985-03-12
    `(?:${DAY}|1er)\\s(?:${MONTHS_FR}|${MONTHS_EN})\\s${YEAR}`, // 12 mars 1985, 1er avril 1990, 12 March 1985
    `${DAY}(?:st|nd|rd|th)?\\sof\\s(?:${MONTHS_EN})(?:,)?\\s${YEAR}`, // 12th of March 1985
    `(?:${MONTHS_EN})\\s${DAY}(?:st|nd|rd|th)?,?\\s${YEAR}`, // March 12, 1985
  ].map((p) => `(?:${p})`).join('|'),
  'giu',
);

/** A date is a date of birth only when the words before it say so ("né le", "date of birth", "DOB"). */
export const dateOfBirthRecognizer = patternRecognizer({
  name: 'date-of-birth',
  type: 'DATE_OF_BIRTH',
  patterns: [{ regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${DATE.source})(?![\\p{L}\\p{N}])`, 'giu'), score: 0.3 }],
  context: {
    fr: ['ne le', 'nee le', 'ne(e) le', 'ne en', 'nee en', 'naissance', 'anniversaire', 'ddn', 'date de naiss', 'ne(e)'],
    en: ['born', 'birth', 'dob', 'd.o.b', 'birthday', 'birthdate'],
  },
  contextBoost: 0.6,
});
