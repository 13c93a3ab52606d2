/**
 * Writes the labelled fixtures as JSON lines {id, language, text, spans: [{start, end, label}]} with
 * offsets in Unicode code points, for tools outside TypeScript (bench/presidio_baseline.py).
 *
 *   pnpm exec tsx services/anonymizer-engine/eval/export-samples.ts > /tmp/samples.jsonl
 */
import { toCodePointOffsets } from '../src/code-points.js';
import { loadSamples } from './fixtures.js';

for (const s of loadSamples()) {
  const cps = toCodePointOffsets(s.text, s.spans.flatMap((g) => [g.start, g.end]));
  const spans = s.spans.map((g, i) => ({ start: cps[2 * i], end: cps[2 * i + 1], label: g.label }));
  process.stdout.write(JSON.stringify({ id: s.id, language: s.language, text: s.text, spans }) + '\n');
}
