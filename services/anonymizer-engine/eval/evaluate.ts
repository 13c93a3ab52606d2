/**
 * Reruns the evaluation on the labelled fixtures and prints per-label precision, recall, F1 and F2,
 * per language and overall.
 *
 *   pnpm anonymize:eval            tables
 *   pnpm anonymize:eval --errors   also every miss and false alarm (fixture text only)
 *   pnpm anonymize:eval --json     the figures as JSON
 *
 * A predicted span counts as correct when it overlaps a gold span of the same label; a gold span is found
 * when a predicted span of its label overlaps it. "exact" counts only identical boundaries. Predictions
 * overlapping an IGNORE span are not counted. Language is detected, as in production.
 */
import { analyze, type EntityType, type Language } from '../src/index.js';
import { loadSamples, type GoldSpan } from './fixtures.js';

interface Counts {
  gold: number;
  pred: number;
  tpPred: number;
  tpGold: number;
  exact: number;
}

const STRUCTURED: EntityType[] = ['EMAIL', 'PHONE', 'IBAN', 'CREDIT_CARD', 'NATIONAL_ID', 'IP'];
const args = new Set(process.argv.slice(2));
const empty = (): Counts => ({ gold: 0, pred: 0, tpPred: 0, tpGold: 0, exact: 0 });
const table = new Map<string, Map<string, Counts>>();
const errors: string[] = [];
let languageRight = 0;

function bucket(scope: string, label: string): Counts {
  let byLabel = table.get(scope);
  if (!byLabel) table.set(scope, (byLabel = new Map()));
  let c = byLabel.get(label);
  if (!c) byLabel.set(label, (c = empty()));
  return c;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

const samples = loadSamples();
for (const sample of samples) {
  const { language, findings } = analyze(sample.text);
  if (language === sample.language) languageRight++;
  const gold = sample.spans.filter((s) => s.label !== 'IGNORE');
  const ignored = sample.spans.filter((s) => s.label === 'IGNORE');
  const preds = findings.filter((f) => !ignored.some((g) => overlaps(f, g)));
  const scopes = [sample.language, 'all'];
  for (const g of gold) {
    const hit = preds.some((p) => p.type === g.label && overlaps(p, g));
    const exact = preds.some((p) => p.type === g.label && p.start === g.start && p.end === g.end);
    for (const scope of scopes) {
      for (const label of [g.label, STRUCTURED.includes(g.label as EntityType) ? 'structured' : 'other', 'overall']) {
        const c = bucket(scope, label);
        c.gold++;
        if (hit) c.tpGold++;
        if (exact) c.exact++;
      }
    }
    if (!hit) errors.push(`MISS ${g.label.padEnd(13)} ${JSON.stringify(sample.text.slice(g.start, g.end))}  [${sample.id}] ${describe(preds, g, sample.text)}`);
  }
  for (const p of preds) {
    const hit = gold.some((g) => g.label === p.type && overlaps(p, g));
    for (const scope of scopes) {
      for (const label of [p.type, STRUCTURED.includes(p.type) ? 'structured' : 'other', 'overall']) {
        const c = bucket(scope, label);
        c.pred++;
        if (hit) c.tpPred++;
      }
    }
    if (!hit) errors.push(`FALSE ${p.type.padEnd(12)} ${JSON.stringify(sample.text.slice(p.start, p.end))}  [${sample.id}] by ${p.recognizer} ${p.score.toFixed(2)}`);
  }
}

function describe(preds: { type: string; start: number; end: number }[], g: GoldSpan, text: string): string {
  const other = preds.filter((p) => overlaps(p, g)).map((p) => `${p.type}:${JSON.stringify(text.slice(p.start, p.end))}`);
  return other.length > 0 ? `(found as ${other.join(', ')})` : '';
}

function metrics(c: Counts) {
  const p = c.pred === 0 ? (c.gold === 0 ? 1 : 0) : c.tpPred / c.pred;
  const r = c.gold === 0 ? 1 : c.tpGold / c.gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  const f2 = p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
  return { support: c.gold, predicted: c.pred, precision: p, recall: r, f1, f2, exactRecall: c.gold === 0 ? 1 : c.exact / c.gold };
}

const ORDER = ['PERSON', 'EMAIL', 'PHONE', 'ADDRESS', 'IBAN', 'CREDIT_CARD', 'IP', 'DATE_OF_BIRTH', 'URL', 'NATIONAL_ID', 'ORG', 'LOCATION', 'structured', 'other', 'overall'];
const result: Record<string, Record<string, ReturnType<typeof metrics>>> = {};
for (const scope of ['fr', 'en', 'all']) {
  result[scope] = {};
  for (const label of ORDER) {
    const c = table.get(scope)?.get(label);
    if (c) (result[scope] as Record<string, ReturnType<typeof metrics>>)[label] = metrics(c);
  }
}

if (args.has('--json')) {
  process.stdout.write(JSON.stringify({ samples: samples.length, languageAccuracy: languageRight / samples.length, result }, null, 2) + '\n');
} else {
  const f = (x: number) => x.toFixed(3);
  const counts = (lang: Language) => samples.filter((s) => s.language === lang).length;
  console.log(`samples: ${samples.length} (fr ${counts('fr')}, en ${counts('en')}); language detected correctly: ${f(languageRight / samples.length)}`);
  for (const scope of ['fr', 'en', 'all']) {
    console.log(`\n${scope === 'all' ? 'fr + en' : scope}`);
    console.log('| label | gold | pred | P | R | F1 | F2 | exact R |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, m] of Object.entries(result[scope] ?? {})) {
      console.log(`| ${label} | ${m.support} | ${m.predicted} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.f2)} | ${f(m.exactRecall)} |`);
    }
  }
  if (args.has('--errors')) console.log('\n' + errors.join('\n'));
}
