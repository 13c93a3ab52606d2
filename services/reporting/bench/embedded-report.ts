// Embedded analyzer benchmark: `pnpm --silent bench:report [N]` builds one report on N (default
// 10,000) realistic French and English responses, generated deterministically from templates, and
// prints `<N> responses in <X> ms` then memory figures. Target: 10,000 in <= 5 s on one core.
import { analyzeResponses } from '../src/analysis/index.js';
import { generateResponses } from './generate-responses.js';

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function main(): void {
  const count = Number(process.argv[2] ?? process.env.BENCH_RESPONSES ?? 10_000);
  if (!Number.isInteger(count) || count < 0) {
    console.error('usage: bench:report [number of responses]');
    process.exitCode = 2;
    return;
  }
  const inputs = generateResponses(count);
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const report = analyzeResponses(inputs);
  const elapsed = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const { maxRSS } = process.resourceUsage();
  console.log(`${count} responses in ${Math.round(elapsed)} ms`);
  console.log(`memory: peak RSS ${mib(maxRSS * 1024)}, heap ${mib(heapBefore)} before, ${mib(heapAfter)} after (input ${mib(Buffer.byteLength(JSON.stringify(inputs)))} as JSON)`);
  console.log(`report: ${report.themes.length} themes, ${report.trends.length} trend periods; ${report.themes.map((t) => `${t.label} ${Math.round(t.share * 100)}%`).join('; ')}`);
}

main();
