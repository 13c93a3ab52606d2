import {
  createOutboxRelay,
  createRightsHandler,
  RIGHTS_OPENED,
  startParts,
  type EventBus,
  type Logger,
} from '@verbatim/kit';
import type { Connection } from 'mongoose';
import { createImportSweep } from './domain/import-sweep.js';
import { ingestionRightsStrategies } from './domain/rights.js';
import { DEFAULT_IMPORT_MAX_BYTES, IMPORT_ROUTE, importRoute, UPLOAD_REQUEST_TIMEOUT_MS } from './http/import-route.js';
import { createDatasetRepository } from './model/dataset.repository.js';
import { createImportJobRepository } from './model/import-job.repository.js';
import { createImportStaging } from './model/import-staging.repository.js';
import { createRespondentRepository } from './model/respondent.repository.js';
import { createResponseRepository } from './model/response.repository.js';
import { createIngestionServer } from './server.js';

export { RESPONSE_RECEIVED } from './events/response-received.js';

/**
 * Everything ingestion is, given a database connection and a bus: main() adds env, HTTP and signals;
 * tests build the same thing against a throwaway database and topic prefix.
 */
export function createIngestion(options: { conn: Connection; bus: EventBus; log: Logger; maxDepth?: number; relayIntervalMs?: number; importMaxBytes?: number }) {
  const { conn, bus, log } = options;
  const base = {
    datasets: createDatasetRepository(conn),
    respondents: createRespondentRepository(conn),
    responses: createResponseRepository(conn),
    imports: createImportJobRepository(conn),
  };
  const repos = { ...base, staging: createImportStaging({ responses: base.responses.model, respondents: base.respondents.model }) };
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
  const importSweep = createImportSweep(deps);
  return {
    ...repos,
    relay,
    server,
    handlers,
    importSweep,
    routes: { [IMPORT_ROUTE]: importRoute(deps, { maxBytes: options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES }) },
    requestTimeoutMs: UPLOAD_REQUEST_TIMEOUT_MS,
    start: () => startParts(conn, bus, { relay, handlers }),
  };
}

export type Ingestion = ReturnType<typeof createIngestion>;
