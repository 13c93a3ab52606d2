import { createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import { createBackends, type BackendSettings } from './domain/backends.js';
import type { ReportingDeps } from './domain/deps.js';
import { reportRenderer } from './domain/renderer.js';
import { reportingRightsStrategies } from './domain/rights.js';
import type { ReportingConfig } from './env.js';
import { reportingHandlers } from './events/handlers.js';
import { createCorpusRepository } from './model/corpus.repository.js';
import { createReportRepository } from './model/report.repository.js';
import { createSubjectRepository } from './model/subject.repository.js';
import { createReportingServer } from './server.js';

export type ReportingAppConfig = BackendSettings & Pick<ReportingConfig, 'MAX_QUERY_DEPTH'>;

/** Everything reporting is, given a connection, a bus and its configuration; main() and tests share it. */
export function createReporting({ conn, bus, log, config }: ServiceBase & { config: ReportingAppConfig }) {
  const backends = createBackends(config);
  log.info({ llmConfigured: backends.llmConfigured, subprocessors: backends.registry.list().length }, 'report backends ready');
  const deps: ReportingDeps = {
    corpus: createCorpusRepository(conn),
    subjects: createSubjectRepository(conn),
    reports: createReportRepository(conn),
    generate: backends.generate,
    render: reportRenderer,
    subprocessors: () => backends.registry.list(),
    log,
  };
  // Reporting publishes only rights acknowledgements, whose receipts the kit adds to the relay.
  const relay = createOutboxRelay({ models: [], publisher: bus, log: log.child({ component: 'outbox' }) });
  return {
    deps,
    apollo: createReportingServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: reportingHandlers(deps),
    retention: loadRetentionRules(new URL('./model/retention.json', import.meta.url)),
    rights: reportingRightsStrategies(deps, bus),
  } satisfies ServiceParts & { deps: ReportingDeps };
}

export type Reporting = ReturnType<typeof createReporting>;
