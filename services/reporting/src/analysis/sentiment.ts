import { BOOSTERS, CONCESSION, CONTRAST, LEXICON, NEGATORS, PHRASES, foldAccents } from './lexicon.js';
import type { AnalysedLanguage } from './text.js';
import type { SentimentSummary } from '../core/types.js';

// Tuning values from VADER (Hutto & Gilbert, 2014): a negation flips and dampens, a booster adds
// about a third, and the normalisation x / sqrt(x² + 15) maps a sum of valences into (-1, 1).
const NEGATION_SCALAR = -0.74;
const BOOSTER_SCALAR = 1.3;
const NORMALISATION_ALPHA = 15;
const NEGATION_WINDOW = 3;
/** A response scores positive above this, negative below its opposite, neutral between. */
export const NEUTRAL_BAND = 0.05;

function valenceOf(word: string, lang: AnalysedLanguage): number | undefined {
  const lexicon = LEXICON[lang];
  return lexicon.get(word) ?? (lang === 'fr' ? lexicon.get(foldAccents(word)) : undefined);
}

function isNegator(word: string, lang: AnalysedLanguage): boolean {
  return NEGATORS[lang].has(word) || (lang === 'en' && word.endsWith("n't"));
}

interface Hit {
  /** position of the first word */
  at: number;
  /** words covered */
  length: number;
  valence: number;
}

/** Lexicon hits of a clause: phrases first, then single words not inside a phrase. */
function hitsOf(words: readonly string[], lang: AnalysedLanguage): Hit[] {
  const covered = new Uint8Array(words.length);
  const hits: Hit[] = [];
  for (const [phrase, valence] of PHRASES[lang]) {
    for (let i = 0; i + phrase.length <= words.length; i += 1) {
      if (phrase.every((w, j) => words[i + j] === w && covered[i + j] === 0)) {
        covered.fill(1, i, i + phrase.length);
        hits.push({ at: i, length: phrase.length, valence });
      }
    }
  }
  for (let i = 0; i < words.length; i += 1) {
    if (covered[i] === 1 || isNegator(words[i]!, lang)) continue;
    const valence = valenceOf(words[i]!, lang);
    if (valence === undefined) continue;
    const next = words[i + 1];
    // "super rapide": the booster lends its strength to the next word instead of scoring itself.
    if (BOOSTERS[lang].has(words[i]!) && next !== undefined && covered[i + 1] === 0 && valenceOf(next, lang) !== undefined) continue;
    hits.push({ at: i, length: 1, valence });
  }
  return hits.sort((a, b) => a.at - b.at);
}

/**
 * Sentiment score of one response in [-1, 1], from lexicon valences (phrases, then words) with
 * negation and boosters inside a clause, and contrast across clauses: after "but"/"mais" words
 * weigh more, after "although"/"pourtant" less. Other languages score 0.
 */
export function scoreSentiment(clauses: readonly (readonly string[])[], lang: string): number {
  if (lang !== 'fr' && lang !== 'en') return 0;
  let total = 0;
  let weight = 1;
  for (const words of clauses) {
    // A concession ("although the box was fine") only lasts to the end of its clause.
    let clauseWeight = weight;
    const markers: Array<{ at: number; kind: 'contrast' | 'concession' }> = [];
    for (let i = 0; i < words.length; i += 1) {
      if (CONTRAST[lang].has(words[i]!)) markers.push({ at: i, kind: 'contrast' });
      else if (CONCESSION[lang].has(words[i]!)) markers.push({ at: i, kind: 'concession' });
    }
    let next = 0;
    const passMarkersBefore = (position: number): void => {
      while (next < markers.length && markers[next]!.at < position) {
        if (markers[next]!.kind === 'contrast') {
          total *= 0.5;
          weight = 1.5;
          clauseWeight = 1.5;
        } else {
          clauseWeight = 0.5;
        }
        next += 1;
      }
    };
    for (const hit of hitsOf(words, lang)) {
      passMarkersBefore(hit.at);
      let valence = hit.valence;
      const previous = words[hit.at - 1];
      if (previous !== undefined && BOOSTERS[lang].has(previous)) valence *= BOOSTER_SCALAR;
      for (let j = Math.max(0, hit.at - NEGATION_WINDOW); j < hit.at; j += 1) {
        if (isNegator(words[j]!, lang)) {
          valence *= NEGATION_SCALAR;
          break;
        }
      }
      total += valence * clauseWeight;
    }
    passMarkersBefore(words.length);
  }
  const score = total / Math.sqrt(total * total + NORMALISATION_ALPHA);
  return round(score);
}

export function polarityOf(score: number): 'positive' | 'neutral' | 'negative' {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

export function summariseSentiment(scores: readonly number[]): SentimentSummary {
  const summary: SentimentSummary = { score: 0, positive: 0, neutral: 0, negative: 0 };
  if (scores.length === 0) return summary;
  let sum = 0;
  for (const score of scores) {
    sum += score;
    summary[polarityOf(score)] += 1;
  }
  summary.score = round(sum / scores.length);
  return summary;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}
