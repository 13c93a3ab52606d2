import type { Principal, RequestContext } from '../auth/principal.js';

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, any> }>;
}

/** The part of ApolloServer 5 the tests use. */
export interface Executable {
  executeOperation(request: { query: string; variables?: Record<string, unknown> }, options: { contextValue: RequestContext }): Promise<{ body: any }>;
}

/** Executes one operation as `principal` (null: anonymous) against a built subgraph server, without HTTP. */
export async function gql(server: Executable, principal: Principal | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const res = await server.executeOperation({ query, variables }, { contextValue: { principal, authProblem: null } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as GqlResult;
}

/** The first error's stable code. */
export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'] as string | undefined;
