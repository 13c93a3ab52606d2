/** A minimal GraphQL client for the gateway: no caching, no retries, errors returned as data. */
export interface GraphResult<T> {
  data: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

export function gatewayUrl(): string {
  const url = process.env['TEST_GATEWAY_URL'];
  if (!url) throw new Error('TEST_GATEWAY_URL is not set: run the tests with `npm test`, which starts the whole stack.');
  return url;
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphResult<T>> {
  const res = await fetch(gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphResult<T>;
}

/** Like gql, but fails loudly when the operation returned errors. */
export async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await gql<T>(query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export const codesOf = (result: GraphResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);
