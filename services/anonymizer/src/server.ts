import { createSubgraphServer, type Logger } from '@verbatim/kit';
import type { AnonymizerDeps } from './domain/deps.js';
import { anonymizerResolvers } from './resolvers/index.js';

/** Builds the anonymizer subgraph; no listening, no environment. */
export function createAnonymizerServer(deps: AnonymizerDeps & { log: Logger; maxDepth: number }) {
  return createSubgraphServer({ name: 'anonymizer', resolvers: anonymizerResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
