import type { ActionCount, HolderName } from '@verbatim/contracts';
import {
  AppError,
  connectMongo,
  createEventBus,
  createLogger,
  createOutboxRelay,
  loadEventContracts,
  startParts,
  type RightsRetryPolicy,
  type RightsStrategies,
  type ServiceSigner,
} from '@verbatim/kit';
import { testInfra, uniqueName } from '@verbatim/kit/testing';


/** A real rights holder (the kit's handler, its own database, the shared topics) whose strategies a test writes. */
export async function startHolder(service: HolderName, prefix: string, strategies: RightsStrategies, options: { retry: RightsRetryPolicy; signer: ServiceSigner; busRetryBudgetMs?: number }) {
  const infra = testInfra();
  const log = createLogger(`${service}-holder-test`, process.env['LOG_LEVEL'] ?? 'silent');
  const conn = await connectMongo(infra.mongoUrlFor(uniqueName(`${service}_holder`)), log);
  const bus = createEventBus({
    service,
    brokers: infra.brokers,
    contracts: loadEventContracts(),
    log,
    topicPrefix: prefix,
    ...(options.busRetryBudgetMs !== undefined ? { retryBudgetMs: options.busRetryBudgetMs } : {}),
  });
  const relay = createOutboxRelay({ models: [], publisher: bus, log });
  await startParts(service, { conn, bus, signer: options.signer, log }, { relay, handlers: {}, rights: strategies }, { rightsRetry: options.retry });
  return {
    async stop() {
      await relay.stop();
      await bus.stop();
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/** A failure that outlives retries (the holder answers FAILED at once); its message holds a value that must not be stored. */
export const permanentFailure = () => new AppError('PRECONDITION_FAILED', 'cannot erase jane.doe@example.com: her record is locked');

/** A failure retrying may cure, as a database blip. */
export class DatabaseBlip extends Error {
  constructor() {
    super('connection reset while writing jane.doe@example.com');
    this.name = 'DatabaseBlip';
  }
}

/** What the test holder does per subject: fail this many times (then succeed), fail for ever, or return invalid counts. */
export type Script = { fail: () => Error; times: number } | { invalidCounts: true };

/** Strategies run by script per subject id; a subject without one changes nothing. Counts the calls per subject. */
export function scriptedStrategies(scripts: Map<string, Script>, calls: Map<string, number>): RightsStrategies {
  const run = async (request: { subjectId: string }): Promise<ActionCount[]> => {
    const n = (calls.get(request.subjectId) ?? 0) + 1;
    calls.set(request.subjectId, n);
    const script = scripts.get(request.subjectId);
    if (script && 'invalidCounts' in script) return [{ collection: 'consents', action: 'VANISHED' as never, count: 1 }];
    if (script && n <= script.times) throw script.fail();
    return [{ collection: 'consents', action: 'DELETED', count: 1 }];
  };
  return { ERASURE: run, RESTRICTION: run, ACCESS: async () => [] };
}
