import { createSubgraphServer, type Logger } from '@verbatim/kit';
import type { RightsDeps } from './domain/deps.js';
import { rightsResolvers } from './resolvers/index.js';

/** Builds the rights subgraph; no listening, no environment. */
export function createRightsServer(deps: RightsDeps & { log: Logger; maxDepth: number }) {
  return createSubgraphServer({ name: 'rights', resolvers: rightsResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
