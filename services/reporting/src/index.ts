import { createOutboxRelay, createRightsHandler, runService } from '@verbatim/kit';
import { createBackends } from './domain/backends.js';
import type { ReportingDeps } from './domain/deps.js';
import { reportRenderer } from './domain/renderer.js';
import { reportingRightsStrategies } from './domain/rights.js';
import { loadReportingConfigOrExit } from './env.js';
import { reportingHandlers } from './events/handlers.js';
import { createCorpusRepository } from './model/corpus.repository.js';
import { createReportRepository } from './model/report.repository.js';
import { createSubjectRepository } from './model/subject.repository.js';
import { createReportingServer } from './server.js';

const config = loadReportingConfigOrExit();

runService('reporting', config, ({ conn, bus, log }) => {
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
  const relay = createOutboxRelay({ models: [], publisher: bus, log });
  const rights = createRightsHandler({ service: 'reporting', conn, bus, relay, strategies: reportingRightsStrategies(deps) });
  return { apollo: createReportingServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }), relay, handlers: reportingHandlers(deps, rights) };
});
