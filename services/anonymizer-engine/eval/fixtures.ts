import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkup, type GoldSpan } from '../src/markup.js';
import type { Language } from '../src/index.js';

export { parseMarkup, type GoldSpan };

/** `tuning`: fixtures the rules were tuned on; `never-tuned`: written for evaluation only, never looked at while tuning. */
export type Split = 'tuning' | 'never-tuned';
export const SPLITS: readonly Split[] = ['never-tuned', 'tuning'];

export interface Sample {
  id: string;
  split: Split;
  language: Language;
  text: string;
  spans: GoldSpan[];
}

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * Every fixture file of the given splits (both by default), from `fixtures/<split>/`: `fr-*.txt` are
 * French, `en-*.txt` English; `#` lines are comments.
 */
export function loadSamples(splits: readonly Split[] = SPLITS): Sample[] {
  const samples: Sample[] = [];
  for (const split of splits) {
    const dir = join(FIXTURES_DIR, split);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const language: Language = file.startsWith('fr-') ? 'fr' : 'en';
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '' || line.startsWith('#')) return;
        samples.push({ id: `${file}:${i + 1}`, split, language, ...parseMarkup(line) });
      });
    }
  }
  return samples;
}
