import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityType, Language } from '../src/index.js';

export interface GoldSpan {
  start: number;
  end: number;
  label: EntityType | 'IGNORE';
}

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
const MARK = /\{\{([A-Z_]+):((?:(?!\}\}).)+)\}\}/gs;

/** Parses one line of markup ("{{LABEL:value}}", "\n" for a line break) into text and UTF-16 spans. */
export function parseMarkup(line: string): { text: string; spans: GoldSpan[] } {
  const source = line.replace(/\\n/g, '\n');
  let text = '';
  let cursor = 0;
  const spans: GoldSpan[] = [];
  for (const m of source.matchAll(MARK)) {
    text += source.slice(cursor, m.index);
    const start = text.length;
    text += m[2] as string;
    spans.push({ start, end: text.length, label: m[1] as GoldSpan['label'] });
    cursor = m.index + m[0].length;
  }
  text += source.slice(cursor);
  return { text, spans };
}

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
