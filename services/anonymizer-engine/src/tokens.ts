import type { RecognizerInput, Token } from './recognizer.js';

// Letters with inner apostrophes or hyphens (Jean-Pierre, O'Brien, aujourd'hui). Bounded: a token is
// at most 64 units long, longer runs are split, so the scan stays linear.
const WORD = /[\p{L}\p{M}](?:[\p{L}\p{M}]|['’\-](?=[\p{L}])){0,63}/gu;
const ELISION = /^(?:l|d|j|qu|n|m|s|c|t|jusqu|lorsqu|puisqu)['’]/;
const SENTENCE_BREAK = /[.!?…:;\n"«»“”()\[\]|•*>]/;
const CAP = /^\p{Lu}[\p{Ll}\p{M}]|^(?:Mc|Mac|O['’]|D['’])\p{Lu}/u;
const UPPER = /^\p{Lu}[\p{Lu}\p{M}'’\-]+$/u;
const LOWER_START = /^\p{Ll}/u;
// Abbreviations whose dot does not end a sentence (M. Dupont, Dr. Who, St. Louis).
const ABBREVIATIONS = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mmes', 'mlle', 'dr', 'pr', 'prof', 'me', 'st', 'ste', 'mx', 'sr', 'jr', 'messrs']);

export function tokensOf(input: RecognizerInput): Token[] {
  if (input.tokens) return input.tokens;
  const { text, folded } = input;
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    let start = m.index;
    let word = m[0];
    const e = ELISION.exec(folded.slice(start, start + 8));
    if (e && word.length > e[0].length && LOWER_START.test(word)) {
      start += e[0].length;
      word = word.slice(e[0].length);
    }
    const end = start + word.length;
    const gap = text.slice(prevEnd, start);
    const prev = tokens[tokens.length - 1];
    const abbreviated = prev !== undefined && gap === '. ' && ABBREVIATIONS.has(prev.f);
    const sentenceStart = !prev || (SENTENCE_BREAK.test(gap) && !abbreviated);
    if (prev) prev.joinedToNext = gap === ' ' || gap === '-' || abbreviated;
    const initial = word.length === 1 && text[end] === '.' && /\p{Lu}/u.test(word);
    tokens.push({ start, end, f: folded.slice(start, end), cap: CAP.test(word), upper: word.length >= 2 && UPPER.test(word), sentenceStart, joinedToNext: false, initial });
    prevEnd = end + (initial ? 1 : 0);
  }
  input.tokens = tokens;
  return tokens;
}
