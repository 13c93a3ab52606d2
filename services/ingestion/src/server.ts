import { createSubgraphServer, type Logger } from '@verbatim/kit';
import type { IngestionDeps } from './domain/deps.js';
import { ingestionResolvers } from './resolvers/index.js';

/** Builds the ingestion subgraph; no listening, no environment. */
export function createIngestionServer(deps: IngestionDeps & { log: Logger; maxDepth: number }) {
  return createSubgraphServer({ name: 'ingestion', resolvers: ingestionResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
