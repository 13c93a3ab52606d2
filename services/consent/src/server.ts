import { createSubgraphServer, type Logger } from '@verbatim/kit';
import type { ConsentDeps } from './domain/deps.js';
import { consentResolvers } from './resolvers/index.js';

/** Builds the consent subgraph; no listening, no environment. */
export function createConsentServer(deps: ConsentDeps & { log: Logger; maxDepth: number }) {
  return createSubgraphServer({ name: 'consent', resolvers: consentResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
