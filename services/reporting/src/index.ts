import {
  connectMongo,
  createEventBus,
  createLogger,
  createOutboxRelay,
  createProcessedEventStore,
  createRightsHandler,
  createTokenVerifier,
  exitOnStartupFailure,
  loadEventContracts,
  mongoReady,
  onShutdown,
  receiptModel,
  remoteKeys,
  startHttp,
  syncIndexes,
} from '@verbatim/kit';
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

async function main() {
  const config = loadReportingConfigOrExit();
  const log = createLogger('reporting', config.LOG_LEVEL);
  const backends = createBackends(config);
  log.info({ llmConfigured: backends.llmConfigured, subprocessors: backends.registry.list().length }, 'report backends ready');
  const conn = await connectMongo(config.MONGO_URL, log);
  const deps: ReportingDeps = {
    corpus: createCorpusRepository(conn),
    subjects: createSubjectRepository(conn),
    reports: createReportRepository(conn),
    generate: backends.generate,
    render: reportRenderer,
    subprocessors: () => backends.registry.list(),
    log,
  };
  const bus = createEventBus({ service: 'reporting', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const relay = createOutboxRelay({ models: [receiptModel(conn)], publisher: bus, log });
  await syncIndexes(conn);
  relay.start();
  const rights = createRightsHandler({ service: 'reporting', conn, bus, relay, strategies: reportingRightsStrategies(deps) });
  await bus.consume(reportingHandlers(deps, rights), createProcessedEventStore(conn));
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const http = await startHttp({
    apollo: createReportingServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    port: config.PORT,
    host: config.HOST,
    log,
    context: (req) => verifier.context(req.headers.authorization),
    readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
  });
  onShutdown(log, [
    ['http', () => http.close()],
    ['outbox', () => relay.stop()],
    ['kafka', () => bus.stop()],
    ['mongo', () => conn.close()],
  ]);
}

main().catch(exitOnStartupFailure(createLogger('reporting')));
