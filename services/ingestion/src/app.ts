import { createOutboxRelay, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { IngestionDeps } from './domain/deps.js';
import { ingestionRightsStrategies } from './domain/rights.js';
import type { IngestionConfig } from './env.js';
import { createDatasetRepository } from './model/dataset.repository.js';
import { createRespondentRepository } from './model/respondent.repository.js';
import { createResponseRepository } from './model/response.repository.js';
import { createIngestionServer } from './server.js';


export type IngestionAppConfig = Pick<IngestionConfig, 'MAX_QUERY_DEPTH'>;

/** Everything ingestion is, given a connection, a bus and its configuration; main() and tests share it. */
export function createIngestion({ conn, bus, log, config }: ServiceBase & { config: IngestionAppConfig }) {
  const repos = {
    datasets: createDatasetRepository(conn),
    respondents: createRespondentRepository(conn),
    responses: createResponseRepository(conn),
  };
  const relay = createOutboxRelay({ models: [repos.responses.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: IngestionDeps = { ...repos, bus, relay, log };
  return {
    deps,
    apollo: createIngestionServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: {},
    rights: ingestionRightsStrategies(deps),
  } satisfies ServiceParts & { deps: IngestionDeps };
}

export type Ingestion = ReturnType<typeof createIngestion>;
