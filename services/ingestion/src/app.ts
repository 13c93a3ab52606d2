import { createOutboxRelay, loadRetentionRules, remoteKeys, RESPONDENT_LOOKUP_ROUTE, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { IngestionDeps } from './domain/deps.js';
import { createImportSweep } from './domain/import-sweep.js';
import { ingestionRightsStrategies } from './domain/rights.js';
import type { IngestionConfig } from './env.js';
import { IMPORT_ROUTE, importRoute, UPLOAD_REQUEST_TIMEOUT_MS } from './http/import-route.js';
import { respondentLookupRoute } from './http/respondent-lookup.route.js';
import { CONSENT_CHANGED } from '@verbatim/contracts';
import { applyConsentChange } from './domain/consent-holds.js';
import { createConsentStateRepository } from './model/consent-state.repository.js';
import { createDatasetRepository } from './model/dataset.repository.js';
import { createImportJobRepository } from './model/import-job.repository.js';
import { createImportStaging } from './model/import-staging.repository.js';
import { createRespondentRepository } from './model/respondent.repository.js';
import { createResponseRepository } from './model/response.repository.js';
import { createIngestionServer } from './server.js';

/** JWKS_URL and JWT_ISSUER let identity ask which respondent an email names; without them the lookup answers 503. */
export type IngestionAppConfig = Pick<IngestionConfig, 'MAX_QUERY_DEPTH' | 'IMPORT_MAX_BYTES'> & Partial<Pick<IngestionConfig, 'JWKS_URL' | 'JWT_ISSUER'>>;

/** Everything ingestion is, given a connection, a bus and its configuration; main() and tests share it. */
export function createIngestion({ conn, bus, log, config }: ServiceBase & { config: IngestionAppConfig }) {
  const base = {
    datasets: createDatasetRepository(conn),
    respondents: createRespondentRepository(conn),
    responses: createResponseRepository(conn),
    imports: createImportJobRepository(conn),
    consentStates: createConsentStateRepository(conn),
  };
  const repos = { ...base, staging: createImportStaging({ responses: base.responses.model, respondents: base.respondents.model }) };
  const relay = createOutboxRelay({ models: [repos.responses.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: IngestionDeps = { ...repos, bus, relay, log };
  const importSweep = createImportSweep(deps);
  return {
    deps,
    apollo: createIngestionServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: {
      // Consent announces each change; responses resting on a consent wait for, or resume with, it.
      [CONSENT_CHANGED]: (event) => applyConsentChange(deps, event.payload, event.occurredAt),
    },
    retention: loadRetentionRules(new URL('./model/retention.json', import.meta.url)),
    rights: ingestionRightsStrategies(deps, bus),
    routes: {
      [IMPORT_ROUTE]: importRoute(deps, { maxBytes: config.IMPORT_MAX_BYTES }),
      [RESPONDENT_LOOKUP_ROUTE]: respondentLookupRoute(deps, config.JWKS_URL && config.JWT_ISSUER ? { keys: remoteKeys(config.JWKS_URL), issuer: config.JWT_ISSUER } : undefined),
    },
    requestTimeoutMs: UPLOAD_REQUEST_TIMEOUT_MS,
    importSweep,
    tasks: [importSweep],
  } satisfies ServiceParts & { deps: IngestionDeps; importSweep: typeof importSweep };
}

export type Ingestion = ReturnType<typeof createIngestion>;
