/**
 * Throughput on one core (this process, one thread): documents per second and MB per second over short
 * customer-feedback documents (the evaluation fixtures, cycled), for analyze() and anonymize(); then the
 * worst cases: 1 MB adversarial inputs built to trigger regex backtracking, each timed alone.
 *
 *   pnpm bench:anonymize              default 3 s per measure
 *   pnpm bench:anonymize --seconds 10
 *   pnpm bench:anonymize --json
 *   pnpm bench:anonymize --throughput-only   short documents only, no 1 MB inputs
 *
 * Besides wall-clock rates, each measure gives documents per second of this process's CPU time: on a
 * shared machine (load above the core count) wall-clock rates fall with the load, the CPU-time rate is
 * what one core does when it is not shared.
 */
import { analyze, anonymize, createPseudonymTable } from '../src/index.js';
import { loadSamples } from '../eval/fixtures.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) > 0 && args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 3;
const json = args.includes('--json');
const throughputOnly = args.includes('--throughput-only');

const docs = loadSamples().map((s) => s.text);
const bytes = docs.map((d) => Buffer.byteLength(d, 'utf8'));

const ROUNDS = 5;

/** Best and median of ROUNDS rounds: the machine may be shared, the best round is the engine's speed. */
function measure(run: (text: string) => unknown): { docsPerSecond: number; mbPerSecond: number; medianDocsPerSecond: number; docsPerCpuSecond: number; docs: number } {
  for (let i = 0; i < 2000; i++) run(docs[i % docs.length] as string); // warm-up (JIT)
  const rounds: { n: number; b: number; s: number; cpu: number }[] = [];
  let n = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let count = 0;
    let b = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const deadline = start + (seconds * 1000) / ROUNDS;
    while (performance.now() < deadline) {
      for (let k = 0; k < 50; k++) {
        const i = n % docs.length;
        run(docs[i] as string);
        b += bytes[i] as number;
        n++;
        count++;
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    rounds.push({ n: count, b, s: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  const rates = rounds.map((r) => ({ docs: r.n / r.s, mb: r.b / 1e6 / r.s })).sort((a, b) => b.docs - a.docs);
  const best = rates[0] as { docs: number; mb: number };
  const cpuSeconds = rounds.reduce((a, r) => a + r.cpu, 0);
  const counted = rounds.reduce((a, r) => a + r.n, 0);
  return { docsPerSecond: best.docs, mbPerSecond: best.mb, medianDocsPerSecond: (rates[Math.floor(ROUNDS / 2)] as { docs: number }).docs, docsPerCpuSecond: counted / cpuSeconds, docs: n };
}

/** Fastest of three runs, in milliseconds. */
function time(run: () => unknown): { ms: number; result: unknown } {
  let ms = Infinity;
  let result: unknown;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    result = run();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms: Math.round(ms), result };
}

const MB = 1_000_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const adversarial: Record<string, string> = {
  'letters (aaaa...)': fill('a'),
  'digits (0000...)': fill('0'),
  'digits and spaces (1 2 3 ...)': fill('1 '),
  'email-like (a.a.a...@)': fill('a.') + '@',
  'dotted (1.1.1.1...)': fill('1.'),
  'colons (a:a:a...)': fill('a:'),
  'phone-like (+33 6 12 ...)': fill('+33 6 12 '),
  'capitalised words (Jean Dupont ...)': fill('Jean Dupont '),
  'address-like (12 rue de la ...)': fill('12 rue de la '),
  'url-like (http://a/a/a...)': 'http://' + fill('a/'),
  'IBAN-like (FR76 FR76 ...)': fill('FR76 '),
  'mixed French text': fill('Bonjour, je m’appelle Camille Martin, joignable au 06 12 34 56 78 ou camille@exemple.fr. '),
  'street crossing bait (corner of Ab Ab ...)': 'corner of ' + fill('Ab '),
  'foreign street, number, postcode, city': fill('Xyzq Abc 12, 12345 Oulu '),
  'street and unit lines with postcodes': fill('1 Xyzq 2\n Suite 3\n12345\n'),
  'country names and digit groups': fill('Hungary (1) 234-5678 '),
  'binary junk': Array.from({ length: MB }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join(''),
};

const results = {
  node: process.version,
  corpus: { documents: docs.length, averageBytes: Math.round(bytes.reduce((a, b) => a + b, 0) / docs.length) },
  analyze: measure((t) => analyze(t)),
  anonymize: (() => {
    const pseudonyms = createPseudonymTable();
    return measure((t) => anonymize(t, { pseudonyms }));
  })(),
  adversarial: (throughputOnly ? [] : Object.entries(adversarial)).map(([name, text]) => {
    const { ms, result } = time(() => analyze(text));
    return { name, chars: text.length, ms, findings: (result as ReturnType<typeof analyze>).findings.length };
  }),
  linear: (throughputOnly ? [] : [100_000, 1_000_000, 4_000_000]).map((size) => {
    const text = adversarial['mixed French text']!.repeat(Math.ceil(size / MB)).slice(0, size);
    return { chars: size, ms: time(() => analyze(text)).ms };
  }),
};

if (json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
else {
  console.log(`node ${results.node}, one thread; corpus: ${results.corpus.documents} short documents (${results.corpus.averageBytes} bytes on average), ${seconds} s per measure`);
  for (const k of ['analyze', 'anonymize'] as const) {
    const r = results[k];
    console.log(`${k.padEnd(10)} ${r.docsPerSecond.toFixed(0).padStart(7)} docs/s  ${r.mbPerSecond.toFixed(2).padStart(6)} MB/s  (best of ${ROUNDS} rounds; median ${r.medianDocsPerSecond.toFixed(0)} docs/s; ${r.docsPerCpuSecond.toFixed(0)} docs per CPU second)`);
  }
  if (throughputOnly) process.exit(0);
  console.log('\n1 MB adversarial inputs (analyze, fastest of 3 runs):');
  for (const a of results.adversarial) console.log(`  ${a.name.padEnd(38)} ${String(a.ms).padStart(6)} ms  (${a.findings} findings)`);
  console.log('\ncost against input size (mixed French text, fastest of 3 runs):');
  for (const l of results.linear) console.log(`  ${String(l.chars).padStart(9)} chars  ${String(l.ms).padStart(6)} ms`);
}
