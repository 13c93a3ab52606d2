import type { createSubgraphServer, Principal, RequestContext } from '@verbatim/kit';

type Server = ReturnType<typeof createSubgraphServer<RequestContext>>;

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }>;
}

/** Executes one operation as `principal` (null: anonymous) against a built subgraph server. */
export async function gql(server: Server, principal: Principal | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const res = await server.executeOperation({ query, variables }, { contextValue: { principal, authProblem: null } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as GqlResult;
}

export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.['code'];
