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
import { createAnonymizer } from './app.js';
import { loadAnonymizerConfig } from './env.js';

async function main() {
  const config = loadAnonymizerConfig();
  const log = createLogger('anonymizer', config.LOG_LEVEL);
  const conn = await connectMongo(config.MONGO_URL, log);
  const bus = createEventBus({ service: 'anonymizer', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const anonymizer = createAnonymizer({ conn, bus, log, pseudonymKey: config.ANONYMIZER_PSEUDONYM_KEY, maxDepth: config.MAX_QUERY_DEPTH });
  await anonymizer.start();
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const http = await startHttp({
    apollo: anonymizer.server,
    port: config.PORT,
    host: config.HOST,
    log,
    context: (req) => verifier.context(req.headers.authorization),
    readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
  });
  onShutdown(log, [
    ['http', () => http.close()],
    ['outbox', () => anonymizer.relay.stop()],
    ['kafka', () => bus.stop()],
    ['mongo', () => conn.close()],
  ]);
}

main().catch(exitOnStartupFailure(createLogger('anonymizer')));
