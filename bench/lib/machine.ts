import { loadavg } from 'node:os';

/** `load 1.23 0.98 0.75` (the 1, 5 and 15 minute averages, as `uptime` shows them): other work on the machine skews every figure. */
export function loadAverages(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/** The elapsed milliseconds since `startedAt` (a performance.now() reading), rounded. */
export const msSince = (startedAt: number) => Math.round(performance.now() - startedAt);
