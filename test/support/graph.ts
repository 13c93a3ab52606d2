import { request as httpRequest } from 'node:http';
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

/**
 * Like gql, but from a loopback address of the caller's choice (127.x.y.z all reach the gateway), so a
 * test that trips per-address limits does not lock out the other tests.
 */
export function gqlFrom<T = any>(localAddress: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphResult<T>> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const req = httpRequest(
      gatewayUrl(),
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphResult<T>));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A loopback address no other test uses. */
export const freshLoopbackAddress = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
