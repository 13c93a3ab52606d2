import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { RETENTION_SWEEP_REQUESTED, RETENTION_SWEPT, SERVICES, type RetentionSwept } from '@verbatim/contracts';
import { createEventBus, createLogger, loadEventContracts } from '@verbatim/kit';

/**
 * `pnpm --silent retention:sweep [--dry-run] [--as-of <ISO date>]`: asks every service of a running stack
 * for a retention sweep now (as rights, on rights.retention-sweep-requested.v1), waits for each one's
 * report and prints what was (or, dry run, would be) deleted, archived and purged from the archive.
 * Brokers and topic prefix: KAFKA_BROKERS (default the dev stack's 127.0.0.1:9092), KAFKA_TOPIC_PREFIX.
 */
const usage = 'usage: retention:sweep [--dry-run] [--as-of 2031-01-01T00:00:00Z] [--timeout-seconds 60]';

function fail(message: string, code = 2): never {
  process.stderr.write(`retention:sweep: ${message}\n${usage}\n`);
  process.exit(code);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, 'as-of': { type: 'string' }, 'timeout-seconds': { type: 'string', default: '60' } }, strict: true });
  } catch (err) {
    return fail((err as Error).message);
  }
})();
const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
if (Number.isNaN(asOf.getTime())) fail(`--as-of "${values['as-of']}" is not a date`);
const timeoutMs = Number(values['timeout-seconds']) * 1000;
if (!(timeoutMs > 0)) fail('--timeout-seconds must be a positive number');

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const prefix = process.env['KAFKA_TOPIC_PREFIX'] ?? '';
const sweepId = randomUUID();
const reports = new Map<string, RetentionSwept>();

const bus = createEventBus({ service: 'rights', brokers, contracts: loadEventContracts(), log: createLogger('retention-sweep', 'silent'), topicPrefix: prefix });

try {
  let allReported = () => {};
  const allIn = new Promise<void>((resolve) => (allReported = resolve));
  // Joined before the request goes out, so no report is missed.
  await bus.broadcast(RETENTION_SWEPT, ({ payload }) => {
    if (payload.sweepId !== sweepId) return;
    reports.set(payload.service, payload);
    if (reports.size === SERVICES.length) allReported();
  });
  await bus.publish(RETENTION_SWEEP_REQUESTED, sweepId, { sweepId, asOf: asOf.toISOString(), dryRun: values['dry-run'] });
  const timedOut = await Promise.race([allIn.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref())]);

  process.stdout.write(`retention sweep ${sweepId} as of ${asOf.toISOString()}${values['dry-run'] ? ' (dry run: nothing changed)' : ''}\n`);
  process.stdout.write(`${['service', 'rule', 'action', 'due', 'held', 'applied', 'purged from archive'].join('\t')}\n`);
  for (const service of SERVICES) {
    for (const r of reports.get(service)?.rules ?? []) process.stdout.write(`${[service, r.rule, r.action, r.due, r.held, r.applied, r.purgedFromArchive].join('\t')}\n`);
  }
  const missing = SERVICES.filter((s) => !reports.has(s));
  if (timedOut && missing.length) fail(`no report within ${values['timeout-seconds']} s from: ${missing.join(', ')}`, 1);
} catch (err) {
  fail(`could not reach Kafka at ${brokers.join(',')}: ${(err as Error).message}`, 1);
} finally {
  await bus.stop().catch(() => undefined);
}
