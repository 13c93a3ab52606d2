/**
 * Text helpers shared by recognizers. `fold` lower-cases and strips accents one UTF-16 unit at a time so
 * that offsets in the folded string are offsets in the original string.
 */
const foldCache = new Map<number, string>();

function foldUnit(code: number): string {
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const ch = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff) folded = ch;
    else {
      const base = ch.normalize('NFD').charAt(0).toLowerCase();
      folded = base.length === 1 ? base : ch;
      if (folded === '’' || folded === 'ʼ') folded = "'";
      else if (folded === '‐' || folded === '‑' || folded === '–') folded = '-';
    }
    foldCache.set(code, folded);
  }
  return folded;
}

const NON_ASCII = /[^\x00-\x7f]/g;

/** Lower-case, accent-free copy of `text` with exactly the same length. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // toLowerCase keeps the length except for a few letters (İ): fall back to one unit at a time then.
  if (lower.length === text.length) return lower.replace(NON_ASCII, (ch) => foldUnit(ch.charCodeAt(0)));
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x41 || (code > 0x5a && code < 0x7f) ? text[i] : foldUnit(code);
  }
  return out;
}

/** Canonical form used to compare values: folded, separators collapsed to one space, trimmed. */
export function normalizeValue(value: string): string {
  return fold(value).replace(/[\s\-_.,'’]+/g, ' ').trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Remainder of a long decimal string modulo m, without BigInt. */
export function modDecimal(digits: string, m: number): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % m;
  return r;
}

/**
 * Fixed phrases looked up at the end of a context window ("je m'appelle ", "thanks to "), word by word from
 * the end: O(words in the longest phrase) per lookup, and only whole words match ("maison " is not "son ").
 */
export class PhraseSet {
  private readonly phrases: Set<string>;
  private readonly maxWords: number;

  constructor(phrases: Iterable<string>) {
    this.phrases = new Set(phrases);
    this.maxWords = Math.max(1, ...[...this.phrases].map((p) => p.split(' ').length));
  }

  /**
   * True when `context` ends with a phrase, then 1 to `maxSeparators` separator characters
   * (any of `separators`), and the phrase starts at a word boundary. `skip` words (particles) between
   * the phrase and the end are ignored.
   */
  endsWith(context: string, separators = ' ,:', maxSeparators = 3, skip?: ReadonlySet<string>): boolean {
    let i = context.length;
    let seps = 0;
    while (i > 0 && separators.includes(context[i - 1] as string) && seps <= maxSeparators) {
      i--;
      seps++;
    }
    if (seps === 0 || seps > maxSeparators) return false;
    let phrase = '';
    let words = 0;
    let skipping = skip !== undefined;
    while (i > 0 && words < this.maxWords) {
      let j = i;
      while (j > 0 && !/\s/.test(context[j - 1] as string)) j--;
      const word = context.slice(j, i);
      if (word.length === 0) return false;
      if (skipping && skip?.has(word)) {
        i = j;
        while (i > 0 && context[i - 1] === ' ') i--;
        continue;
      }
      skipping = false;
      phrase = words === 0 ? word : `${word} ${phrase}`;
      words++;
      if (this.phrases.has(phrase)) return true;
      if (j === 0 || context[j - 1] !== ' ') return false;
      i = j - 1;
    }
    return false;
  }
}
