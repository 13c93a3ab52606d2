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
  RIGHTS_OPENED,
  startHttp,
  syncIndexes,
} from '@verbatim/kit';
import { identityRightsStrategies } from './domain/rights.js';
import { loadKeyRing, localKeys } from './domain/signing.js';
import { loadIdentityConfig } from './env.js';
import { createSigningKeyRepository } from './model/signing-key.repository.js';
import { createUserRepository } from './model/user.repository.js';
import { createWorkspaceRepository } from './model/workspace.repository.js';
import { createIdentityServer } from './server.js';

async function main() {
  const config = loadIdentityConfig();
  const log = createLogger('identity', config.LOG_LEVEL);
  const conn = await connectMongo(config.MONGO_URL, log);
  const deps = {
    users: createUserRepository(conn),
    workspaces: createWorkspaceRepository(conn),
    keys: await loadKeyRing(createSigningKeyRepository(conn), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, config.TOKEN_TTL_SECONDS),
  };
  const bus = createEventBus({ service: 'identity', brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const relay = createOutboxRelay({ models: [receiptModel(conn)], publisher: bus, log });
  await syncIndexes(conn);
  relay.start();
  await bus.consume(
    { [RIGHTS_OPENED]: createRightsHandler({ service: 'identity', conn, bus, relay, strategies: identityRightsStrategies(deps) }) },
    createProcessedEventStore(conn),
  );
  const verifier = createTokenVerifier(localKeys(deps.keys), deps.keys.settings);
  const http = await startHttp({
    apollo: createIdentityServer({ ...deps, log, maxDepth: config.MAX_QUERY_DEPTH }),
    port: config.PORT,
    host: config.HOST,
    log,
    context: (req) => verifier.context(req.headers.authorization),
    readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
    routes: {
      '/.well-known/jwks.json': (_req, res) => {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.setHeader('cache-control', 'public, max-age=300');
        res.end(JSON.stringify(deps.keys.jwks()));
      },
    },
  });
  onShutdown(log, [
    ['http', () => http.close()],
    ['outbox', () => relay.stop()],
    ['kafka', () => bus.stop()],
    ['mongo', () => conn.close()],
  ]);
}

main().catch(exitOnStartupFailure(createLogger('identity')));
