import { describe, expect, test } from '@jest/globals';
import { auditServer } from 'graphql-http';
import { gatewayUrl } from '../../test/support/graph.js';
import { createTenant } from '../../test/support/tenant.js';

describe('the gateway speaks GraphQL over HTTP', () => {
  test('the graphql-http server audit, run by a signed-in developer, passes 61 of 61', async () => {
    // Some audits ask for __type, which the gateway answers signed-in callers only (introspection.spec.ts).
    const { token } = await createTenant('audit');
    const fetchFn = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: gatewayUrl(), fetchFn });
    const notOk = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(notOk).toEqual([]);
    expect(results).toHaveLength(61);
  });

  test('a query sent as a plain GET is answered, a mutation over GET is refused with 405', async () => {
    const get = (query: string) => fetch(`${gatewayUrl()}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/graphql-response+json' } });
    const answer = await get('{ __typename }');
    expect([answer.status, answer.headers.get('content-type'), await answer.json()]).toEqual([200, 'application/graphql-response+json; charset=utf-8', { data: { __typename: 'Query' } }]);
    const mutation = await get('mutation { __typename }');
    expect([mutation.status, mutation.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
