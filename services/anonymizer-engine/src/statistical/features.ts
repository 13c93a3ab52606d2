import { COMMON_FIRST_NAMES, COMMON_WORDS, ENGLISH_WORDS, FIRST_NAMES, HUMAN_NAMES, KNOWN_ORGS, LOCATIONS, MAJOR_PLACES, STOPWORDS, SURNAMES, TITLES, TOWNS } from '../lexicon.js';
import type { Token } from '../recognizer.js';

/** BIO labels over word tokens; the order is the model's label index. */
export const LABELS = ['O', 'B-PERSON', 'I-PERSON', 'B-ORG', 'I-ORG', 'B-LOCATION', 'I-LOCATION'] as const;
export type TagLabel = (typeof LABELS)[number];

const KNOWN_ORG_WORDS = new Set([...KNOWN_ORGS].flatMap((k) => k.split(' ')));

/** "Jean-Pierre" -> "Xx-Xx", "URSSAF" -> "X", "mcdonald" -> "x": letter classes with repeats squeezed. */
function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = ch >= '0' && ch <= '9' ? 'd' : ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Dictionary memberships of a folded word, as one short code ("f s" = a first name and a surname). */
function lexiconCode(f: string): string {
  let code = '';
  if (COMMON_FIRST_NAMES.has(f)) code += 'F';
  else if (FIRST_NAMES.has(f)) code += 'f';
  if (SURNAMES.has(f)) code += 's';
  else if (HUMAN_NAMES.has(f)) code += 'h';
  if (MAJOR_PLACES.has(f)) code += 'M';
  else if (LOCATIONS.has(f)) code += 'L';
  else if (TOWNS.has(f)) code += 't';
  if (KNOWN_ORG_WORDS.has(f)) code += 'o';
  if (STOPWORDS.has(f)) code += 'w';
  else if (COMMON_WORDS.has(f)) code += 'c';
  else if (ENGLISH_WORDS.has(f)) code += 'e';
  if (TITLES.has(f)) code += 'T';
  return code;
}

export interface TokenView {
  f: string;
  shape: string;
  lex: string;
}

/** What stands for a neighbour before the first token or after the last. */
export const EDGE: TokenView = { f: '<s>', shape: '<s>', lex: '' };

/** What the features of a token read of it (as itself or as a neighbour). */
export function tokenView(text: string, t: Token): TokenView {
  return { f: t.f, shape: shape(text.slice(t.start, t.end)), lex: lexiconCode(t.f) };
}

/** What the features of a token and of its neighbours read (computed once per token). */
export function tokenViews(text: string, tokens: readonly Token[]): TokenView[] {
  return tokens.map((t) => tokenView(text, t));
}

/** The separator before token i, as a short code: '_' one space, a punctuation mark, 'ws', '<s>'. */
export function separator(text: string, tokens: readonly Token[], i: number): string {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  const gap = prev ? text.slice(prev.end, t.start) : '<s>';
  return gap === ' ' ? '_' : gap.length > 3 ? gap.trim().slice(0, 1) || 'ws' : gap.replace(/ /g, '_');
}

/**
 * Features of token i that do not depend on the previous tags: the word, its shape and affixes, its
 * dictionary memberships, the same for two neighbours each side, and the separator before it. Built one
 * token at a time so that memory stays bounded whatever the length of the text.
 */
export function staticFeatures(text: string, tokens: readonly Token[], views: readonly TokenView[], i: number): string[] {
  const t = tokens[i] as Token;
  const v = views[i] as TokenView;
  const p1 = views[i - 1] ?? EDGE;
  const p2 = views[i - 2] ?? EDGE;
  const n1 = views[i + 1] ?? EDGE;
  const n2 = views[i + 2] ?? EDGE;
  const sep = separator(text, tokens, i);
  return [
    'b',
    `w=${v.f}`,
    `sh=${v.shape}`,
    `lx=${v.lex}`,
    `sh|lx=${v.shape}|${v.lex}`,
    `p3=${v.f.slice(0, 3)}`,
    `s3=${v.f.slice(-3)}`,
    `s2=${v.f.slice(-2)}`,
    `ss=${t.sentenceStart ? 1 : 0}|${v.shape}`,
    `sep=${sep}`,
    `w-1=${p1.f}`,
    `w-2=${p2.f}`,
    `w+1=${n1.f}`,
    `w+2=${n2.f}`,
    `w-2,-1=${p2.f} ${p1.f}`,
    `w+1,+2=${n1.f} ${n2.f}`,
    `w-1,0=${p1.f} ${v.f}`,
    `sh-1=${p1.shape}`,
    `sh+1=${n1.shape}`,
    `lx-1=${p1.lex}`,
    `lx+1=${n1.lex}`,
    `sh-1,0,+1=${p1.shape}|${v.shape}|${n1.shape}`,
    `lx,lx+1=${v.lex}|${n1.lex}`,
    `w-1|sh=${p1.f}|${v.shape}`,
  ];
}

/** Features that depend on the previous two tags (greedy left-to-right decoding). */
export function withHistory(base: readonly string[], prev: string, prev2: string, shapeFeature: string): string[] {
  return [...base, `t-1=${prev}`, `t-2,-1=${prev2}|${prev}`, `t-1|${shapeFeature}`];
}
