import type { Token } from '../recognizer.js';
import { LABELS, staticFeatures, tokenViews, withHistory, type TokenView } from './features.js';
import { argmax, type Perceptron } from './perceptron.js';
import type { CachedScorer } from './scorer.js';

export interface TaggedToken {
  label: number;
  /** Softmax probability of the chosen label (the model's confidence). */
  p: number;
}

// I-X may only follow B-X or I-X.
const INSIDE_OF = LABELS.map((l) => (l.startsWith('I-') ? LABELS.indexOf(`B-${l.slice(2)}` as (typeof LABELS)[number]) : -1));

function allowed(label: number, prev: number): boolean {
  const b = INSIDE_OF[label] as number;
  return b < 0 || prev === b || prev === label;
}

/** Greedy left-to-right BIO decoding with the previous two tags as features. */
export function tagTokens(scorer: CachedScorer, text: string, tokens: readonly Token[]): TaggedToken[] {
  const words = scorer.wordsOf(text, tokens);
  const scores = new Float64Array(LABELS.length);
  const out: TaggedToken[] = [];
  let prev = 0;
  let prev2 = 0;
  for (let i = 0; i < tokens.length; i++) {
    scorer.staticScores(text, tokens, words, i, scores);
    scorer.addHistory(scores, prev, prev2);
    for (let y = 0; y < scores.length; y++) if (!allowed(y, prev)) scores[y] = -Infinity;
    const label = argmax(scores);
    out.push({ label, p: softmaxAt(scores, label) });
    prev2 = prev;
    prev = label;
  }
  return out;
}

/** One pass over a gold-labelled sentence; the history is the gold one (fast and stable for greedy taggers). */
export function trainOnSentence(model: Perceptron, text: string, tokens: readonly Token[], gold: readonly number[], scratch: Float64Array): void {
  const views = tokenViews(text, tokens);
  for (let i = 0; i < tokens.length; i++) model.train(featuresAt(text, tokens, views, i, gold[i - 1] ?? 0, gold[i - 2] ?? 0), gold[i] as number, scratch);
}

/** Every feature of token i as strings (training; the tagger sums the same through CachedScorer). */
export function featuresAt(text: string, tokens: readonly Token[], views: readonly TokenView[], i: number, prev: number, prev2: number): string[] {
  const b = staticFeatures(text, tokens, views, i);
  return withHistory(b, LABELS[prev] as string, LABELS[prev2] as string, b[2] as string);
}

// Perceptron scores are margins, not log-probabilities: divided by this before the softmax so that the
// confidence spreads over (0, 1) instead of being 1.0 for nearly every decision (tuning value).
const TEMPERATURE = 4;

function softmaxAt(scores: Float64Array, at: number): number {
  const top = scores[at] as number;
  let sum = 0;
  for (let y = 0; y < scores.length; y++) if (Number.isFinite(scores[y])) sum += Math.exp(((scores[y] as number) - top) / TEMPERATURE);
  return 1 / sum;
}
