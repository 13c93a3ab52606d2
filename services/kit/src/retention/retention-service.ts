import { randomUUID } from 'node:crypto';
import { LEGAL_HOLD_CHANGED, RETENTION_SWEEP_REQUESTED, RETENTION_SWEPT, type RetentionSwept, type ServiceName } from '@verbatim/contracts';
import type { Connection } from 'mongoose';
import type { EventBus, EventHandlers } from '../kafka/bus.js';
import type { Logger } from '../logger.js';
import { createLegalHolds, type LegalHolds } from './legal-holds.js';
import type { RetentionRule } from './rules.js';
import { sweepRetention, type RuleOutcome } from './sweep.js';

/** A day: rules count in days at the finest, so a sweep a day applies them on time. */
const DEFAULT_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface RetentionParts {
  holds: LegalHolds;
  /** Runs one sweep now and publishes its report on rights.retention-swept.v1. */
  sweep(options: { asOf: Date; dryRun: boolean; sweepId?: string }): Promise<RuleOutcome[]>;
  /** The hold and on-demand sweep consumers. */
  handlers: EventHandlers;
  /** The scheduled sweep. */
  task: { name: string; start(): void; stop(): Promise<void> };
}

/** The archive of a service: a database of its own beside the live one (`<name>_archive`), read by the DPO only. */
export const archiveOf = (conn: Connection): Connection => conn.useDb(`${conn.name}_archive`, { useCache: true });

/**
 * Every service's retention: its rules applied by a sweep once a day (and when rights asks, for a dry run
 * or with a later clock), keeping the data of subjects under a legal hold, moving what is archived into
 * the archive database; each sweep publishes what it did, as counts.
 */
export function createRetention(options: { service: ServiceName; conn: Connection; bus: EventBus; log: Logger; rules: readonly RetentionRule[]; intervalMs?: number }): RetentionParts {
  const { service, conn, bus, rules } = options;
  const log = options.log.child({ component: 'retention' });
  const holds = createLegalHolds(conn);
  const archive = archiveOf(conn);
  let running: Promise<unknown> = Promise.resolve();

  const sweep: RetentionParts['sweep'] = ({ asOf, dryRun, sweepId = randomUUID() }) => {
    // One sweep at a time per process: a scheduled one and a requested one do not interleave their pages.
    const next = running.then(async () => {
      const outcomes = await sweepRetention({ conn, archive, rules, holds, asOf, dryRun });
      const report: RetentionSwept = { sweepId, service, asOf: asOf.toISOString(), dryRun, rules: outcomes, sweptAt: new Date().toISOString() };
      await bus.publish(RETENTION_SWEPT, sweepId, report);
      log.info({ sweepId, dryRun, applied: outcomes.reduce((n, o) => n + o.applied + o.purgedFromArchive, 0) }, 'retention sweep done');
      return outcomes;
    });
    running = next.catch(() => undefined);
    return next;
  };

  let timer: NodeJS.Timeout | undefined;
  return {
    holds,
    sweep,
    handlers: {
      [LEGAL_HOLD_CHANGED]: async ({ payload }) => holds.apply(payload),
      [RETENTION_SWEEP_REQUESTED]: async ({ payload }) => {
        await sweep({ asOf: new Date(payload.asOf), dryRun: payload.dryRun, sweepId: payload.sweepId });
      },
    },
    task: {
      name: 'retention-sweep',
      start() {
        timer = setInterval(() => {
          sweep({ asOf: new Date(), dryRun: false }).catch((err: unknown) => log.warn({ err }, 'scheduled retention sweep failed; the next one retries'));
        }, options.intervalMs ?? DEFAULT_INTERVAL_MS);
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        await running;
      },
    },
  };
}
