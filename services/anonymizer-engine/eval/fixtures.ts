import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityType, Language } from '../src/index.js';

export interface GoldSpan {
  start: number;
  end: number;
  label: EntityType | 'IGNORE';
}

export interface Sample {
  id: string;
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

/** Every fixture file: `fr-*.txt` are French, `en-*.txt` English; `#` lines are comments. */
export function loadSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const language: Language = file.startsWith('fr-') ? 'fr' : 'en';
    const lines = readFileSync(join(FIXTURES_DIR, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      samples.push({ id: `${file}:${i + 1}`, language, ...parseMarkup(line) });
    });
  }
  return samples;
}
