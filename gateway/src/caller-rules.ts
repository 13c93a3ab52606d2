import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { Caller } from './caller.js';
import type { TrustedDocuments } from './trusted-documents.js';

export interface CallerRulesOptions {
  trusted: TrustedDocuments;
  /** never (production) or authenticated (a user's or client's valid token). */
  introspection: 'never' | 'authenticated';
}

const refuse = (status: number, code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status } } });

/**
 * The gateway's rules on who may run what, checked once the operation is parsed and validated, before
 * any subgraph is called: partner API clients run only registered operations; introspection (`__schema`,
 * `__type`) only for signed-in callers, and never in production. `__typename` is not introspection.
 */
export function callerRulesPlugin<C extends { caller: Caller }>(options: CallerRulesOptions): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash, document, schema }) {
          const { caller } = contextValue;
          if (caller.kind === 'client' && !options.trusted.has(queryHash)) {
            throw refuse(
              403,
              'PERSISTED_QUERY_NOT_ALLOWED',
              'API clients may run only the registered partner operations (gateway/trusted-documents/partner.json): send one by its sha256 (extensions.persistedQuery.sha256Hash) or its exact body.',
            );
          }
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length === 0) return;
          if (options.introspection === 'never') {
            throw refuse(403, 'INTROSPECTION_DISABLED', 'Introspection is disabled in production; the schema is published as schemas/supergraph.graphql.');
          }
          if (caller.kind === 'anonymous') {
            throw refuse(401, 'INTROSPECTION_DISABLED', 'Introspection is open to signed-in developers only: send a valid access token as "Authorization: Bearer <token>".');
          }
        },
      };
    },
  };
}
