import { setTimeout as delay } from 'node:timers/promises';
import { describeExit, tail, type ManagedProcess } from './processes.js';
import { StackError } from './say.js';

/**
 * Asks `probe` until it answers true. Fails early when the process dies meanwhile, and after
 * timeoutMs otherwise; both failures name the process and show the end of its log.
 */
export async function waitUntilReady(proc: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    if (!proc.running()) {
      const info = await proc.exited;
      throw new StackError(`${proc.name} ${describeExit(info)} while starting. Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`);
    }
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      throw new StackError(
        `${proc.name} was not ready after ${timeoutMs / 1000} s${lastError ? ` (last answer: ${lastError})` : ''}. ` +
          `Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`,
      );
    }
    await Promise.race([delay(200), proc.exited]);
  }
}

/** GET url answers 200 (services' /readyz). */
export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return true;
}
