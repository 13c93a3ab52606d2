import { RIGHTS_OPENED } from '@verbatim/contracts';
import { createOutboxRelay, createRightsHandler, runService } from '@verbatim/kit';
import { identityRightsStrategies } from './domain/rights.js';
import { loadKeyRing, localKeys } from './domain/signing.js';
import { loadIdentityConfig } from './env.js';
import { createSigningKeyRepository } from './model/signing-key.repository.js';
import { createUserRepository } from './model/user.repository.js';
import { createWorkspaceRepository } from './model/workspace.repository.js';
import { createIdentityServer } from './server.js';

const config = loadIdentityConfig();

runService('identity', config, async ({ conn, bus, log }) => {
  const settings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const deps = {
    users: createUserRepository(conn),
    workspaces: createWorkspaceRepository(conn),
    keys: await loadKeyRing(createSigningKeyRepository(conn), settings, config.TOKEN_TTL_SECONDS),
  };
  const relay = createOutboxRelay({ models: [], publisher: bus, log });
  return {
    apollo: createIdentityServer({ ...deps, log, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: { [RIGHTS_OPENED]: createRightsHandler({ service: 'identity', conn, bus, relay, strategies: identityRightsStrategies(deps) }) },
    // Identity verifies its own tokens against its own keys, without an HTTP round trip.
    keys: localKeys(deps.keys),
    routes: {
      '/.well-known/jwks.json': (_req, res) => {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.setHeader('cache-control', 'public, max-age=300');
        res.end(JSON.stringify(deps.keys.jwks()));
      },
    },
  };
});
