import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RunningHttp } from '@verbatim/kit';
import { gatewayUrl } from '../../test/support/graph.js';
import { createTenant, type Tenant } from '../../test/support/tenant.js';
import { startGateway } from './support/in-process.js';

const SCHEMA = `{ __schema { queryType { name } } }`;
const TYPE = `{ __type(name: "Dataset") { name } }`;
const IN_FRAGMENT = `query { ...Peek } fragment Peek on Query { __schema { types { name } } }`;

async function post(url: string, query: string, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

describe('introspection at the gateway', () => {
  let developer: Tenant;
  let production: RunningHttp;
  beforeAll(async () => {
    developer = await createTenant('introspect');
    production = await startGateway({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await production?.close();
  });

  test.each([
    ['__schema', SCHEMA],
    ['__type', TYPE],
    ['__schema inside a fragment', IN_FRAGMENT],
  ])('an anonymous caller asking for %s is refused with 401 INTROSPECTION_DISABLED, before any data', async (_what, query) => {
    const answer = await post(gatewayUrl(), query);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['INTROSPECTION_DISABLED']);
    expect(answer.body.errors?.[0]?.message).toMatch(/signed-in developers only/);
    expect(answer.body.data).toBeUndefined();
  });

  test('a forged token counts as anonymous', async () => {
    expect((await post(gatewayUrl(), SCHEMA, `${developer.token.slice(0, -4)}AAAA`)).status).toBe(401);
  });

  test('__typename is not introspection: anyone may ask for it', async () => {
    expect((await post(gatewayUrl(), '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  test('a signed-in developer may introspect outside production', async () => {
    expect((await post(gatewayUrl(), SCHEMA, developer.token)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await post(gatewayUrl(), TYPE, developer.token)).body).toEqual({ data: { __type: { name: 'Dataset' } } });
  });

  test('in production introspection is refused to everyone, signed in or not, with 403', async () => {
    for (const token of [undefined, developer.token]) {
      const answer = await post(production.url, SCHEMA, token);
      expect([answer.status, answer.body.errors?.map((e) => e.extensions?.code)]).toEqual([403, ['INTROSPECTION_DISABLED']]);
    }
    // The production gateway still serves the graph.
    expect((await post(production.url, `{ me { id } }`, developer.token)).body).toEqual({ data: { me: { id: developer.userId } } });
  });
});
