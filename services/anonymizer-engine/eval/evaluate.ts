/**
 * Reruns the evaluation on the labelled fixtures (eval/fixtures) and prints per-label precision, recall,
 * F1 and F2, per language and overall (matching rules in score.ts).
 *
 *   pnpm anonymize:eval                      tables (markdown)
 *   pnpm anonymize:eval --errors             also every miss and false alarm (fixture text only)
 *   pnpm anonymize:eval --json               the figures as JSON
 *   pnpm anonymize:eval --only fr-holdout    only the fixture files whose name contains this
 */
import { loadSamples } from './fixtures.js';
import { evaluate } from './score.js';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const samples = loadSamples().filter((s) => !only || s.id.includes(only));
const evaluation = evaluate(samples);

if (argv.includes('--json')) {
  const { errors: _errors, ...figures } = evaluation;
  process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
} else {
  const f = (x: number) => x.toFixed(3);
  const count = (lang: string) => samples.filter((s) => s.language === lang).length;
  const files = [...new Set(samples.map((s) => s.id.split(':')[0]))].join(', ');
  console.log(`samples: ${samples.length} (fr ${count('fr')}, en ${count('en')}) from ${files}`);
  console.log(`language detected correctly: ${f(evaluation.languageAccuracy)}`);
  for (const scope of ['fr', 'en', 'all']) {
    const rows = Object.entries(evaluation.result[scope] ?? {});
    if (rows.length === 0) continue;
    console.log(`\n${scope === 'all' ? 'fr + en' : scope}`);
    console.log('| label | gold | pred | P | R | F1 | F2 | exact R |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, m] of rows) {
      console.log(`| ${label} | ${m.support} | ${m.predicted} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.f2)} | ${f(m.exactRecall)} |`);
    }
  }
  if (argv.includes('--errors')) console.log('\n' + evaluation.errors.join('\n'));
}
