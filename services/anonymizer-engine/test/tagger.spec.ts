import { describe, expect, test } from '@jest/globals';
import { loadSamples } from '../eval/fixtures.js';
import { LABELS } from '../src/statistical/features.js';
import { loadModel } from '../src/statistical/model.js';
import { CachedScorer } from '../src/statistical/scorer.js';
import { featuresAt } from '../src/statistical/tagger.js';
import { fold } from '../src/text.js';
import { tokensOf } from '../src/tokens.js';
import type { Language } from '../src/types.js';
import { tokenViews } from '../src/statistical/features.js';

// The tagger sums cached per-word scores instead of scoring feature strings: it must give the scores the
// model was trained with, for every token and every label history.
describe('cached scoring of the statistical recognizer', () => {
  test.each<Language>(['fr', 'en'])('equals scoring the feature strings (%s, tuning fixtures and edge cases)', (language) => {
    const model = loadModel(language);
    const scorer = new CachedScorer(model);
    const texts = [...loadSamples(['tuning']).filter((s) => s.language === language).map((s) => s.text), 'A', 'x  ,  Y', 'Jean-Pierre DUPONT\n\n— M. Lefèvre, rue Victor Hugo'];
    const expected = new Float64Array(LABELS.length);
    const actual = new Float64Array(LABELS.length);
    let compared = 0;
    let worst = 0;
    for (const text of texts) {
      const tokens = tokensOf({ text, folded: fold(text), language });
      const views = tokenViews(text, tokens);
      // Twice over: the second pass reads every word from the cache.
      for (let pass = 0; pass < 2; pass++) {
        const words = scorer.wordsOf(text, tokens);
        tokens.forEach((_, i) => {
          const prev = (i * 3 + pass) % LABELS.length;
          const prev2 = (i * 5 + 1) % LABELS.length;
          model.score(featuresAt(text, tokens, views, i, prev, prev2), expected);
          scorer.staticScores(text, tokens, words, i, actual);
          scorer.addHistory(actual, prev, prev2);
          for (let y = 0; y < LABELS.length; y++) worst = Math.max(worst, Math.abs((actual[y] as number) - (expected[y] as number)));
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-9);
  });
});
