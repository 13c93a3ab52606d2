import type { IngestionDeps } from './deps.js';
import { recoverAbandoned } from './imports.js';

/**
 * Finds imports a crashed process left RUNNING or COMMITTING (no heartbeat for `staleMs`) and settles
 * them: run at start-up and then every `intervalMs`. A live import beats every 10 s, so it is never taken.
 */
export function createImportSweep(deps: IngestionDeps, options: { intervalMs?: number; staleMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 30_000;
  const staleMs = options.staleMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function sweepOnce(): Promise<number> {
    const abandoned = await deps.imports.findAbandoned(new Date(Date.now() - staleMs));
    for (const job of abandoned) {
      const settled = await recoverAbandoned(deps, job);
      deps.log.warn({ importId: job._id, was: job.status, now: settled.status }, 'abandoned import settled');
    }
    return abandoned.length;
  }

  const run = () => {
    running ??= sweepOnce()
      .catch((err: unknown) => {
        deps.log.warn({ err }, 'import sweep failed; will retry');
        return 0;
      })
      .finally(() => (running = undefined));
    return running;
  };

  return {
    name: 'import-sweep',
    sweepOnce,
    start() {
      timer = setInterval(run, intervalMs);
      timer.unref();
      void run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
