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
  receiptModel,
  remoteKeys,
  startHttp,
  syncIndexes,
} from '@verbatim/kit';
import { loadConsentConfig } from './env.js';
import { consentHandlers } from './events/handlers.js';
import { createConsentRepository } from './model/consent.repository.js';
import { createConsentServer } from './server.js';

async function main() {
  const config = loadConsentConfig();
  const log = createLogger('consent', config.LOG_LEVEL);
  const conn = await connectMongo(config.MONGO_URL, log);
  const consents = createConsentRepository(conn);
  const bus = createEventBus({ service: 'consent', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const relay = createOutboxRelay({ models: [consents.model, receiptModel(conn)], publisher: bus, log });
  await syncIndexes(conn);
  relay.start();
  await bus.consume(consentHandlers({ conn, bus, relay, consents }), createProcessedEventStore(conn));
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const http = await startHttp({
    apollo: createConsentServer({ consents, events: bus, relay, log, maxDepth: config.MAX_QUERY_DEPTH }),
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

main().catch(exitOnStartupFailure(createLogger('consent')));
