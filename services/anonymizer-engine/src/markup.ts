import type { EntityType } from './types.js';

export interface GoldSpan {
  start: number;
  end: number;
  label: EntityType | 'IGNORE';
}

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
