import type { Logger } from './logger.js';

export type ShutdownStep = readonly [name: string, stop: () => Promise<void>];

/**
 * On SIGINT/SIGTERM, stops in the given order (stop taking requests, stop consuming, flush the outbox,
 * close Kafka, close the database), each step bounded so a stuck one cannot hold the process.
 */
export function onShutdown(log: Logger, steps: ShutdownStep[], stepTimeoutMs = 10_000): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    for (const [name, stop] of steps) {
      try {
        await Promise.race([stop(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), stepTimeoutMs))]);
      } catch (err) {
        log.warn({ err, step: name }, 'shutdown step failed');
      }
    }
    log.info('stopped');
    process.exit(0);
  };
  // `on`, not `once`: a second signal during shutdown must not fall back to Node's default (instant exit).
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** For main(): a failure before serving is fatal, logged once with its cause. */
export function exitOnStartupFailure(log: Logger) {
  return (err: unknown) => {
    log.fatal({ err }, 'failed to start');
    process.exit(1);
  };
}
