// pnpm --silent bench:idle [--seconds 60] [--settle-seconds 90] (the JVMs compile for the first minute or so after start; idle is what follows)
// The whole stack started and left alone: CPU of each of its processes, read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { options, positiveInt } from './lib/args.js';
import { loadAverages } from './lib/machine.js';
import { withBenchStack } from './lib/stack.js';

const args = options({ seconds: '60', 'settle-seconds': '90' });
const seconds = positiveInt('seconds', args.seconds);
const settleSeconds = positiveInt('settle-seconds', args['settle-seconds']);
/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux the project runs on. */
const TICKS_PER_SECOND = 100;

interface StackProcess {
  name: string;
  pid: number;
}

/**
 * utime + stime of every process in the group `pgid`, in ticks. Each stack process leads its own
 * process group (deploy/local starts it detached), so this also counts anything it started itself.
 */
function groupTicks(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name, which may contain spaces: state ppid pgrp ... utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

await withBenchStack(async ({ stack }) => {
  const processes = JSON.parse(readFileSync(join(stack.dir, 'pids.json'), 'utf8')) as StackProcess[];
  process.stderr.write(`[bench] ${processes.length} processes; ${settleSeconds} s to settle, then ${seconds} s measured\n`);
  await delay(settleSeconds * 1000);
  const before = processes.map((p) => groupTicks(p.pid));
  const startedAt = performance.now();
  await delay(seconds * 1000);
  const after = processes.map((p) => groupTicks(p.pid));
  const elapsedS = (performance.now() - startedAt) / 1000;
  const percentOfCore = (ticks: number) => (ticks / TICKS_PER_SECOND / elapsedS) * 100;
  let total = 0;
  processes.forEach((p, i) => {
    const share = percentOfCore(after[i]! - before[i]!);
    total += share;
    process.stdout.write(`${p.name.padEnd(11)} pid ${String(p.pid).padEnd(8)} ${share.toFixed(2)} % of one core\n`);
  });
  process.stdout.write(`idle cpu ${total.toFixed(2)} % of one core over ${elapsedS.toFixed(0)} s  [${loadAverages()}]\n`);
});
