import type { RecognizerInput, Token } from './recognizer.js';

const ELISION = /^(?:l|d|j|qu|n|m|s|c|t|jusqu|lorsqu|puisqu)['’]/;
const SENTENCE_BREAK = /[.!?…:;\n"«»“”()\[\]|•*>]/;
const CAP = /^\p{Lu}[\p{Ll}\p{M}]|^(?:Mc|Mac|O['’]|D['’])\p{Lu}/u;
const UPPER = /^\p{Lu}[\p{Lu}\p{M}'’\-]+$/u;
const LOWER_START = /^\p{Ll}/u;
const STARTS_UPPER = /^\p{Lu}/u;
const LETTER = /[\p{L}\p{M}]/u;
// Abbreviations whose dot does not end a sentence (M. Dupont, Dr. Who, St. Louis).
const ABBREVIATIONS = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mmes', 'mlle', 'dr', 'pr', 'prof', 'me', 'st', 'ste', 'mx', 'sr', 'jr', 'messrs']);
const MAX_TOKEN = 64;

// 0 unknown, 1 letter, 2 not a letter; filled lazily for the BMP (surrogates count as non-letters).
const letterTable = new Uint8Array(0x10000);

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  let v = letterTable[c] as number;
  if (v === 0) letterTable[c] = v = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/**
 * Word tokens (letters with inner apostrophes or hyphens: Jean-Pierre, O'Brien), computed once per text
 * by a single character scan; French elisions (l', d', qu') are cut off; tokens are at most 64 units.
 */
export function tokensOf(input: RecognizerInput): Token[] {
  if (input.tokens) return input.tokens;
  const { text, folded } = input;
  const n = text.length;
  const tokens: Token[] = [];
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let start = i;
    i++;
    while (i < n && i - start < MAX_TOKEN) {
      const c = text.charCodeAt(i);
      if (isLetter(c)) i++;
      else if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    let end = i;
    // English possessive: "Kevin's" is the name "Kevin".
    if (end - start > 3 && (text[end - 1] === 's' || text[end - 1] === 'S') && (text[end - 2] === "'" || text[end - 2] === '’')) end -= 2;
    const first = text.charCodeAt(start);
    const lowerAscii = first >= 97 && first <= 122;
    if (end - start > 2) {
      const head = folded.slice(start, Math.min(end, start + 8));
      if (head.includes("'")) {
        const e = ELISION.exec(head);
        if (e && end - start > e[0].length && (lowerAscii || LOWER_START.test(text[start] as string))) start += e[0].length;
      }
    }
    const word = text.slice(start, end);
    const gap = start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32 ? ' ' : text.slice(prevEnd, start);
    const prev = tokens[tokens.length - 1];
    const abbreviated = prev !== undefined && gap === '. ' && ABBREVIATIONS.has(prev.f);
    const sentenceStart = !prev || (gap !== ' ' && SENTENCE_BREAK.test(gap) && !abbreviated);
    if (prev) prev.joinedToNext = gap === ' ' || gap === '-' || abbreviated;
    const c0 = text.charCodeAt(start);
    const startsUpper = c0 >= 65 && c0 <= 90 ? true : c0 < 128 ? false : STARTS_UPPER.test(word);
    // An initial: one capital followed by a dot (J. Dupont), or by a space and another capitalised word
    // (Ravil G Yefimov).
    const initial = startsUpper && word.length === 1 && (text[end] === '.' || (text[end] === ' ' && STARTS_UPPER.test(text[end + 1] ?? '') && tokens.length > 0 && text[start - 1] === ' '));
    tokens.push({
      start,
      end,
      f: folded.slice(start, end),
      cap: startsUpper && CAP.test(word),
      upper: startsUpper && word.length >= 2 && UPPER.test(word),
      startsUpper,
      sentenceStart,
      joinedToNext: false,
      initial,
    });
    prevEnd = end + (initial && text[end] === '.' ? 1 : 0);
    end = 0;
  }
  input.tokens = tokens;
  return tokens;
}
