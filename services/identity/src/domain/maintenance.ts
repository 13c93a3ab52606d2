import type { Logger } from '@verbatim/kit';
import type { IdentityDeps } from './deps.js';

const EVERY_MS = 60_000;

/**
 * Once a minute: rotate the signing key when due (and pick up keys other replicas made), and sweep
 * what has expired (the embedded database has no TTL indexes).
 */
export function maintenanceTask(deps: IdentityDeps, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = async () => {
    const now = new Date();
    await deps.keys.maintain();
    const swept = {
      sessions: await deps.sessions.deleteExpired(now),
      accountTokens: await deps.accountTokens.deleteExpired(now),
      revocations: await deps.revocations.deleteExpired(now),
      throttles: await deps.throttles.deleteStale(new Date(now.getTime() - 24 * 3_600_000)),
    };
    log.debug(swept, 'maintenance pass');
  };
  return {
    name: 'maintenance',
    start() {
      timer = setInterval(() => {
        running ??= pass()
          .catch((err: unknown) => log.warn({ err }, 'maintenance pass failed'))
          .finally(() => (running = undefined));
      }, EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
