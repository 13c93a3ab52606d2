import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { CLIENT_ADDRESS_HEADER, costLimitRule, createErrorFormatter, depthLimitRule, readListSizeHints, type Logger } from '@verbatim/kit';
import { parse } from 'graphql';
import { SUBGRAPHS, supergraphFile, type SubgraphName } from '@verbatim/contracts';
import type { Caller } from './caller.js';
import { callerRulesPlugin } from './caller-rules.js';
import type { TrustedDocuments } from './trusted-documents.js';

export interface GatewayContext {
  authorization: string | undefined;
  /** The caller's network address, for identity's per-address sign-in limits. */
  clientAddress: string | undefined;
  /** Who calls, read from the token for the gateway's own rules; subgraphs verify it again. */
  caller: Caller;
}

/** Passes the caller's token through unchanged: every subgraph verifies it again itself. */
class TokenForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const authorization = (context as Partial<GatewayContext>).authorization;
    if (authorization) request.http?.headers.set('authorization', authorization);
    // Set, never appended to: a caller cannot choose the address the subgraphs see.
    const clientAddress = (context as Partial<GatewayContext>).clientAddress;
    if (clientAddress) request.http?.headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  }
}

/** Builds (never starts) the gateway server on the committed supergraph. */
export function createGatewayServer(options: {
  urls: Record<SubgraphName, string>;
  log: Logger;
  maxDepth: number;
  maxCost: number;
  trusted: TrustedDocuments;
  introspection: 'never' | 'authenticated';
}): ApolloServer<GatewayContext> {
  const supergraphSdl = readFileSync(supergraphFile, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      if (!SUBGRAPHS.includes(name as SubgraphName)) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new TokenForwardingDataSource({ url: options.urls[name as SubgraphName] });
    },
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(options.log),
    validationRules: [depthLimitRule(options.maxDepth), costLimitRule(options.maxCost, readListSizeHints(parse(supergraphSdl)))],
    includeStacktraceInErrorResponses: false,
    // Who may introspect is the caller rules' decision, per request.
    introspection: true,
    // Registered operations by hash alone; the cache is read-only, so nobody registers new ones.
    persistedQueries: { cache: options.trusted.cache, ttl: null },
    plugins: [callerRulesPlugin<GatewayContext>({ trusted: options.trusted, introspection: options.introspection })],
    // Authority travels only in the Authorization header (never a cookie) on /graphql, so a cross-site
    // request carries none; without Apollo's CSRF guard, plain GETs of queries work as GraphQL over HTTP says.
    csrfPrevention: false,
    // main() stops the server in order on a signal; Apollo must not handle signals itself.
    stopOnTerminationSignals: false,
  });
}
