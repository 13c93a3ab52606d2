import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { subgraphSdl, type SubgraphName } from '@verbatim/contracts';
import { parse, type DocumentNode } from 'graphql';
import type { RequestContext } from '../auth/principal.js';
import { createErrorFormatter } from '../errors.js';
import type { Logger } from '../logger.js';
import { costLimitRule, DEFAULT_SUBGRAPH_MAX_COST, readListSizeHints } from './cost-limit.js';
import { depthLimitRule } from './depth-limit.js';

/** The subgraph's SDL from @verbatim/contracts, its only copy (with the shared @personalData definition). */
export function loadSubgraphSdl(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}

export type Resolvers<C extends RequestContext = RequestContext> = GraphQLResolverMap<C>;

/** Builds (never starts) a subgraph server: pure, so tests can execute operations against it directly. */
export function createSubgraphServer<C extends RequestContext>(options: {
  name: SubgraphName;
  resolvers: Resolvers<C>;
  log: Logger;
  maxDepth: number;
  /** The cost limit for callers that reach the subgraph directly (see DEFAULT_SUBGRAPH_MAX_COST). */
  maxCost?: number;
}): ApolloServer<C> {
  const sdl = loadSubgraphSdl(options.name);
  return new ApolloServer<C>({
    schema: buildSubgraphSchema([{ typeDefs: sdl, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]),
    formatError: createErrorFormatter(options.log),
    validationRules: [depthLimitRule(options.maxDepth), costLimitRule(options.maxCost ?? DEFAULT_SUBGRAPH_MAX_COST, readListSizeHints(sdl))],
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The service's own onShutdown stops Apollo in order; Apollo must not handle signals itself.
    stopOnTerminationSignals: false,
    // No usage reporting leaves the platform, so federated traces are never needed.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
}
