import {
  createOutboxRelay,
  createRightsHandler,
  startParts,
  type EventBus,
  type Logger,
} from '@verbatim/kit';
import { RIGHTS_OPENED } from '@verbatim/contracts';
import type { Connection } from 'mongoose';
import { anonymizerRightsStrategies } from './domain/rights.js';
import { createPseudonymizer } from './domain/pseudonym.js';
import { responseHandlers } from './events/handlers.js';
import { createAnonymizedResponseRepository } from './model/anonymized-response.repository.js';
import { createSubjectRepository } from './model/subject.repository.js';
import { createAnonymizerServer } from './server.js';

export { createPseudonymizer } from './domain/pseudonym.js';

/** Everything the anonymizer is, given a connection, a bus and the pseudonym key; main() and tests share it. */
export function createAnonymizer(options: { conn: Connection; bus: EventBus; log: Logger; pseudonymKey: string; maxDepth?: number }) {
  const { conn, bus, log } = options;
  const repos = { subjects: createSubjectRepository(conn), anonymized: createAnonymizedResponseRepository(conn) };
  const relay = createOutboxRelay({ models: [repos.anonymized.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps = { ...repos, pseudonymOf: createPseudonymizer(options.pseudonymKey), bus, relay, log };
  const handlers = {
    ...responseHandlers(deps),
    [RIGHTS_OPENED]: createRightsHandler({ service: 'anonymizer', conn, bus, relay, strategies: anonymizerRightsStrategies(deps) }),
  };
  const server = createAnonymizerServer({ ...deps, maxDepth: options.maxDepth ?? 12 });
  return {
    ...repos,
    pseudonymOf: deps.pseudonymOf,
    relay,
    server,
    handlers,
    start: () => startParts(conn, bus, { relay, handlers }),
  };
}

export type Anonymizer = ReturnType<typeof createAnonymizer>;
