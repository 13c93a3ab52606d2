import { createSubgraphServer, type Logger } from '@verbatim/kit';
import type { IdentityDeps } from './domain/deps.js';
import { identityResolvers } from './resolvers/index.js';

/** Builds the identity subgraph; no listening, no environment. */
export function createIdentityServer(deps: IdentityDeps & { log: Logger; maxDepth: number }) {
  return createSubgraphServer({ name: 'identity', resolvers: identityResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
