import type { Principal, RequestContext } from '@verbatim/kit';

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The part of ApolloServer the tests use (executeOperation, ApolloServer 5). */
export interface Executable {
  executeOperation(request: { query: string; variables?: Record<string, unknown> }, options: { contextValue: RequestContext }): Promise<{ body: any }>;
}

/** Executes an operation as `principal` (null: anonymous) against a subgraph server, without HTTP. */
export async function gql(server: Executable, principal: Principal | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const res = await server.executeOperation({ query, variables }, { contextValue: { principal, authProblem: null } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as GqlResult;
}

export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'];
