import {
  connectMongo,
  createEventBus,
  createLogger,
  createOutboxRelay,
  createProcessedEventStore,
  createTokenVerifier,
  exitOnStartupFailure,
  loadEventContracts,
  mongoReady,
  onShutdown,
  remoteKeys,
  startHttp,
  syncIndexes,
} from '@verbatim/kit';
import { loadRightsConfig } from './env.js';
import { rightsHandlers } from './events/handlers.js';
import { createRightsRequestRepository } from './model/request.repository.js';
import { createRightsServer } from './server.js';

async function main() {
  const config = loadRightsConfig();
  const log = createLogger('rights', config.LOG_LEVEL);
  const conn = await connectMongo(config.MONGO_URL, log);
  const requests = createRightsRequestRepository(conn);
  const bus = createEventBus({ service: 'rights', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const relay = createOutboxRelay({ models: [requests.model], publisher: bus, log });
  const deps = { requests, events: bus, relay, log, digestKey: config.RIGHTS_DIGEST_KEY };
  await syncIndexes(conn);
  relay.start();
  await bus.consume(rightsHandlers(deps), createProcessedEventStore(conn));
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const http = await startHttp({
    apollo: createRightsServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
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

main().catch(exitOnStartupFailure(createLogger('rights')));
