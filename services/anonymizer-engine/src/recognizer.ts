import type { EntityType, Finding, Language } from './types.js';

/** What every recognizer sees: the text, its folded (lower-case, accent-free, same length) copy and its language. */
export interface RecognizerInput {
  text: string;
  folded: string;
  language: Language;
  /** Word tokens, computed once on first use by `tokensOf`. */
  tokens?: Token[];
}

export interface Token {
  start: number;
  end: number;
  /** Folded text of the token. */
  f: string;
  /** Starts with an upper-case letter followed by a lower-case one (Dupont, McDonald, O'Brien). */
  cap: boolean;
  /** Two or more letters, all upper case (DUPONT). */
  upper: boolean;
  /** First letter is upper case. */
  startsUpper: boolean;
  /** First token of the text, or first after sentence punctuation or a line break. */
  sentenceStart: boolean;
  /** Separator before the next token is one space or a hyphen only (the tokens can belong to one name). */
  joinedToNext: boolean;
  /** A single capital followed by a dot (J. Dupont). */
  initial: boolean;
}

export interface Recognizer {
  name: string;
  /** Types this recognizer can emit. */
  types: readonly EntityType[];
  /** Languages it runs for. */
  languages: readonly Language[];
  /**
   * A second opinion (the statistical recognizer): each of its findings is kept only where it crosses
   * no rule finding, or scores higher than every rule finding it crosses.
   */
  secondOpinion?: boolean;
  analyze(input: RecognizerInput): Finding[];
}

export interface PatternSpec {
  regex: RegExp;
  score: number;
}

export interface PatternRecognizerSpec {
  name: string;
  type: EntityType;
  languages?: readonly Language[];
  patterns: PatternSpec[];
  /** Lower-case, accent-free words; one found shortly before (or after) a match raises its score. */
  context?: Partial<Record<Language, readonly string[]>>;
  contextBoost?: number;
  /** Matches scoring below this are dropped even after the context boost. */
  minScore?: number;
  /**
   * Validation hook (checksum, calendar, ...). Returns false to drop the match, true to keep it,
   * a number to set its score, or a narrower [start, end] (relative to the match) with a score.
   */
  validate?: (match: string, input: RecognizerInput, start: number) => boolean | number | { start: number; end: number; score: number };
}

export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;

export function hasContext(input: RecognizerInput, start: number, end: number, words: readonly string[] | undefined, before = CONTEXT_BEFORE, after = CONTEXT_AFTER): boolean {
  if (!words || words.length === 0) return false;
  const window = input.folded.slice(Math.max(0, start - before), start) + ' ' + input.folded.slice(end, end + after);
  for (const w of words) if (window.includes(w)) return true;
  return false;
}

/** Patterns + context words + validation hook, in the spirit of Presidio's PatternRecognizer. */
export function patternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  const languages = spec.languages ?? (['fr', 'en'] as const);
  const boost = spec.contextBoost ?? 0.35;
  const minScore = spec.minScore ?? 0.5;
  // A recognizer whose matches only pass with a context word skips texts holding none of its words.
  const requiresContext = !spec.validate && spec.patterns.every((p) => p.score < minScore) && spec.patterns.every((p) => p.score + boost >= minScore);
  const allWords = [...(spec.context?.fr ?? []), ...(spec.context?.en ?? [])];
  const patterns = spec.patterns.map((p) => ({ score: p.score, regex: p.regex.global ? p.regex : new RegExp(p.regex.source, p.regex.flags + 'g') }));
  return {
    name: spec.name,
    types: [spec.type],
    languages,
    analyze(input) {
      const out: Finding[] = [];
      if (requiresContext && !allWords.some((w) => input.folded.includes(w))) return out;
      const words = spec.context?.[input.language];
      const other = spec.context?.[input.language === 'fr' ? 'en' : 'fr'];
      for (const p of patterns) {
        for (const m of input.text.matchAll(p.regex)) {
          let start = m.index;
          let end = start + m[0].length;
          let score = p.score;
          if (spec.validate) {
            const v = spec.validate(m[0], input, start);
            if (v === false) continue;
            if (typeof v === 'number') score = v;
            else if (typeof v === 'object') {
              end = start + v.end;
              start = start + v.start;
              score = v.score;
            }
          }
          if (score < 1 && (hasContext(input, start, end, words) || hasContext(input, start, end, other))) score = Math.min(1, score + boost);
          if (score >= minScore) out.push({ type: spec.type, start, end, score, recognizer: spec.name });
        }
      }
      return out;
    },
  };
}
