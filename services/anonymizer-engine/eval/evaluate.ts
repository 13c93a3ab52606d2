/**
 * Reruns the evaluation on the labelled fixtures (eval/fixtures) and prints, for the never-tuned split
 * first and then the tuning split: the residual rate (share of gold personal-data strings still present
 * verbatim after `anonymize`, the headline figure) and per-label precision, recall, F1 and F2 per
 * language and overall (matching rules in score.ts).
 *
 *   pnpm anonymize:eval                        both splits, tables (markdown)
 *   pnpm anonymize:eval --split never-tuned    one split only
 *   pnpm anonymize:eval --errors               also every miss and false alarm (fixture text only)
 *   pnpm anonymize:eval --json                 the figures as JSON, per split
 *   pnpm anonymize:eval --only fr-holdout      only the fixture files whose name contains this
 */
import { loadSamples, SPLITS, type Sample, type Split } from './fixtures.js';
import { evaluate, type Evaluation } from './score.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const only = option('--only');
const splitArg = option('--split');
if (splitArg !== undefined && !SPLITS.includes(splitArg as Split)) {
  console.error(`--split must be one of: ${SPLITS.join(', ')}`);
  process.exit(2);
}
const splits = splitArg ? [splitArg as Split] : SPLITS;
const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function print(split: Split, samples: Sample[], evaluation: Evaluation): void {
  const count = (lang: string) => samples.filter((s) => s.language === lang).length;
  const files = [...new Set(samples.map((s) => s.id.split(':')[0]))].join(', ');
  console.log(`# ${split} split: ${samples.length} samples (fr ${count('fr')}, en ${count('en')}) from ${files}`);
  const r = evaluation.residual;
  console.log(`\nresidual rate (gold strings still verbatim after anonymize): fr + en ${pct(r.all?.overall?.rate ?? 0)}, ` +
    `fr ${pct(r.fr?.overall?.rate ?? 0)}, en ${pct(r.en?.overall?.rate ?? 0)}; ` +
    `person names fr ${pct(r.fr?.PERSON?.rate ?? 0)}, en ${pct(r.en?.PERSON?.rate ?? 0)}`);
  console.log(`language detected correctly: ${f(evaluation.languageAccuracy)}`);
  for (const scope of ['fr', 'en', 'all']) {
    const rows = Object.entries(evaluation.result[scope] ?? {});
    if (rows.length === 0) continue;
    console.log(`\n${split}, ${scope === 'all' ? 'fr + en' : scope}`);
    console.log('| label | gold | pred | P | R | F1 | F2 | exact R | residual |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, m] of rows) {
      const res = evaluation.residual[scope]?.[label];
      console.log(`| ${label} | ${m.support} | ${m.predicted} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.f2)} | ${f(m.exactRecall)} | ${res ? pct(res.rate) : '-'} |`);
    }
  }
  if (argv.includes('--errors')) console.log('\n' + evaluation.errors.join('\n'));
  console.log('');
}

const figures: Record<string, Omit<Evaluation, 'errors'>> = {};
for (const split of splits) {
  const samples = loadSamples([split]).filter((s) => !only || s.id.includes(only));
  if (samples.length === 0) continue;
  const evaluation = evaluate(samples);
  const { errors: _errors, ...rest } = evaluation;
  figures[split] = rest;
  if (!argv.includes('--json')) print(split, samples, evaluation);
}
if (argv.includes('--json')) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
