import { createArchiveReader, createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { AnonymizerDeps } from './domain/deps.js';
import { createPseudonymizer, createTableDigest } from './domain/pseudonym.js';
import { anonymizerRightsStrategies } from './domain/rights.js';
import type { AnonymizerConfig } from './env.js';
import { responseHandlers } from './events/handlers.js';
import { createAnonymizedResponseRepository } from './model/anonymized-response.repository.js';
import { createDatasetCountRepository } from './model/dataset-count.repository.js';
import { createPseudonymTableRepository } from './model/pseudonym-table.repository.js';
import { createSubjectRepository } from './model/subject.repository.js';
import { createAnonymizerServer } from './server.js';

export { createPseudonymizer } from './domain/pseudonym.js';

export type AnonymizerAppConfig = Pick<AnonymizerConfig, 'ANONYMIZER_PSEUDONYM_KEY' | 'MAX_QUERY_DEPTH'>;

/** Everything the anonymizer is, given a connection, a bus and its configuration; main() and tests share it. */
export function createAnonymizer({ conn, bus, log, config }: ServiceBase & { config: AnonymizerAppConfig }) {
  const retention = loadRetentionRules(new URL('./model/retention.json', import.meta.url));
  const repos = { subjects: createSubjectRepository(conn), anonymized: createAnonymizedResponseRepository(conn), datasetCounts: createDatasetCountRepository(conn), pseudonymTables: createPseudonymTableRepository(conn) };
  const relay = createOutboxRelay({ models: [repos.anonymized.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: AnonymizerDeps = {
    readArchive: createArchiveReader({ conn, rules: retention, field: 'Query.anonymizerArchive' }),
    ...repos,
    pseudonymOf: createPseudonymizer(config.ANONYMIZER_PSEUDONYM_KEY),
    tableDigest: (datasetId) => createTableDigest(config.ANONYMIZER_PSEUDONYM_KEY, datasetId),
    bus,
    relay,
    log,
  };
  return {
    deps,
    apollo: createAnonymizerServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: responseHandlers(deps),
    retention,
    rights: anonymizerRightsStrategies(deps, bus),
  } satisfies ServiceParts & { deps: AnonymizerDeps };
}

export type Anonymizer = ReturnType<typeof createAnonymizer>;
