import { patternRecognizer } from '../recognizer.js';

const TRAILING = /[.,;:!?)\]}'"»”’]+$/;
const SCHEME = /(?<![\p{L}\p{N}])(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'`«»]{2,2048}/giu;
// Bare domains with a common TLD (verbatim-shop.fr, example.co.uk/path); not inside an email address.
const BARE = /(?<![\p{L}\p{N}@.\-_])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,4}(?:com|fr|org|net|io|eu|be|ch|ca|uk|de|es|it|co|info|biz|app|dev|ly|me|tv|ai|gouv\.fr)(?:\/[^\s<>"'`«»]{0,2048})?(?![\p{L}\p{N}@\-_])/giu;

function trim(match: string): { start: number; end: number; score: number } | false {
  const t = match.replace(TRAILING, '');
  return t.length >= 4 ? { start: 0, end: t.length, score: -1 } : false;
}

export const urlRecognizer = patternRecognizer({
  name: 'url',
  type: 'URL',
  patterns: [{ regex: SCHEME, score: 0.95 }],
  validate: (match) => {
    const r = trim(match);
    return r && { ...r, score: 0.95 };
  },
});

export const domainRecognizer = patternRecognizer({
  name: 'domain',
  type: 'URL',
  patterns: [{ regex: BARE, score: 0.7 }],
  context: { fr: ['site', 'lien', 'url', 'page', 'adresse'], en: ['site', 'link', 'url', 'page', 'visit', 'website'] },
  contextBoost: 0.2,
  validate: (match, input, start) => {
    if (input.text[start + match.length] === '@') return false;
    const r = trim(match);
    return r && { ...r, score: 0.7 };
  },
});
