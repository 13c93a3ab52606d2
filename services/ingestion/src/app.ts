import {
  createOutboxRelay,
  createRightsHandler,
  startParts,
  type EventBus,
  type Logger,
} from '@verbatim/kit';
import { RIGHTS_OPENED } from '@verbatim/contracts';
import type { Connection } from 'mongoose';
import { ingestionRightsStrategies } from './domain/rights.js';
import { createDatasetRepository } from './model/dataset.repository.js';
import { createRespondentRepository } from './model/respondent.repository.js';
import { createResponseRepository } from './model/response.repository.js';
import { createIngestionServer } from './server.js';

/**
 * Everything ingestion is, given a database connection and a bus: main() adds env, HTTP and signals;
 * tests build the same thing against a throwaway database and topic prefix.
 */
export function createIngestion(options: { conn: Connection; bus: EventBus; log: Logger; maxDepth?: number; relayIntervalMs?: number }) {
  const { conn, bus, log } = options;
  const repos = {
    datasets: createDatasetRepository(conn),
    respondents: createRespondentRepository(conn),
    responses: createResponseRepository(conn),
  };
  const relay = createOutboxRelay({
    models: [repos.responses.model],
    publisher: bus,
    log: log.child({ component: 'outbox' }),
    ...(options.relayIntervalMs ? { intervalMs: options.relayIntervalMs } : {}),
  });
  const deps = { ...repos, bus, relay, log };
  const handlers = {
    [RIGHTS_OPENED]: createRightsHandler({ service: 'ingestion', conn, bus, relay, strategies: ingestionRightsStrategies(deps) }),
  };
  const server = createIngestionServer({ ...deps, maxDepth: options.maxDepth ?? 12 });
  return {
    ...repos,
    relay,
    server,
    handlers,
    start: () => startParts(conn, bus, { relay, handlers }),
  };
}

export type Ingestion = ReturnType<typeof createIngestion>;
