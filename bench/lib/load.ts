import { msSince } from './machine.js';

export interface LoadResult {
  completed: number;
  elapsedMs: number;
  /** Latency of each completed request, in milliseconds. */
  latencies: number[];
  /** True when the time limit ended the run before every request was sent. */
  cutShort: boolean;
}

/**
 * Sends `requests` calls of `call` from `concurrency` loops, stopping early after `maxMs`. Any failed
 * call fails the run: a benchmark of errors would measure nothing.
 */
export async function runLoad(call: () => Promise<void>, requests: number, concurrency: number, maxMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const startedAt = performance.now();
  let sent = 0;
  const loop = async () => {
    while (sent < requests && performance.now() - startedAt < maxMs) {
      sent++;
      const t0 = performance.now();
      await call();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { completed: latencies.length, elapsedMs: msSince(startedAt), latencies, cutShort: sent < requests };
}
