import {
  connectMongo,
  createEventBus,
  createLogger,
  createTokenVerifier,
  exitOnStartupFailure,
  loadEventContracts,
  mongoReady,
  onShutdown,
  remoteKeys,
  startHttp,
} from '@verbatim/kit';
import { createIngestion } from './app.js';
import { loadIngestionConfig } from './env.js';

async function main() {
  const config = loadIngestionConfig();
  const log = createLogger('ingestion', config.LOG_LEVEL);
  const conn = await connectMongo(config.MONGO_URL, log);
  const bus = createEventBus({ service: 'ingestion', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const ingestion = createIngestion({ conn, bus, log, maxDepth: config.MAX_QUERY_DEPTH });
  await ingestion.start();
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const http = await startHttp({
    apollo: ingestion.server,
    port: config.PORT,
    host: config.HOST,
    log,
    context: (req) => verifier.context(req.headers.authorization),
    readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
  });
  onShutdown(log, [
    ['http', () => http.close()],
    ['outbox', () => ingestion.relay.stop()],
    ['kafka', () => bus.stop()],
    ['mongo', () => conn.close()],
  ]);
}

main().catch(exitOnStartupFailure(createLogger('ingestion')));
