import { createOutboxRelay, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { IdentityDeps } from './domain/deps.js';
import { identityRightsStrategies } from './domain/rights.js';
import { loadKeyRing, localKeys } from './domain/signing.js';
import type { IdentityConfig } from './env.js';
import { createSigningKeyRepository } from './model/signing-key.repository.js';
import { createUserRepository } from './model/user.repository.js';
import { createWorkspaceRepository } from './model/workspace.repository.js';
import { createIdentityServer } from './server.js';

export type IdentityAppConfig = Pick<IdentityConfig, 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'TOKEN_TTL_SECONDS' | 'MAX_QUERY_DEPTH'>;

/** Everything identity is, given a connection, a bus and its configuration; main() and tests share it. */
export async function createIdentity({ conn, bus, log, config }: ServiceBase & { config: IdentityAppConfig }) {
  const settings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const deps: IdentityDeps = {
    users: createUserRepository(conn),
    workspaces: createWorkspaceRepository(conn),
    keys: await loadKeyRing(createSigningKeyRepository(conn), settings, config.TOKEN_TTL_SECONDS),
  };
  // Identity publishes only rights acknowledgements, whose receipts the kit adds to the relay.
  const relay = createOutboxRelay({ models: [], publisher: bus, log: log.child({ component: 'outbox' }) });
  return {
    deps,
    apollo: createIdentityServer({ ...deps, log, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: {},
    rights: identityRightsStrategies(deps, bus),
    // Identity verifies its own tokens against its own keys, without an HTTP round trip.
    keys: localKeys(deps.keys),
    routes: {
      '/.well-known/jwks.json': (_req, res) => {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.setHeader('cache-control', 'public, max-age=300');
        res.end(JSON.stringify(deps.keys.jwks()));
      },
    },
  } satisfies ServiceParts & { deps: IdentityDeps };
}

export type Identity = Awaited<ReturnType<typeof createIdentity>>;
