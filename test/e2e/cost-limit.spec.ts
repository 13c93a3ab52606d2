import { beforeAll, describe, expect, test } from '@jest/globals';
import { codesOf, gql, ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

// The home page of bench/graph.ts: the largest query the web app sends (all six subgraphs).
const DASHBOARD = `query Dashboard {
  me { id firstName consents { purpose status }
    memberships { role workspace { id name rightsRequests { kind status }
      datasets { id name responseCount anonymizedCount analyzableCount reports { id } } } } }
}`;
// Pagination honoured: asking for 5,000 responses per dataset is what makes it expensive.
const ABUSIVE = `query { me { memberships { workspace { datasets { responses(first: 5000) { id } reports { id themes { label } } } } } } }`;

describe('the demand-control cost limit', () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant('cost');
  });

  test('the dashboard passes through the gateway', async () => {
    const data = await ok(DASHBOARD, {}, tenant.token);
    expect(data.me.memberships.map((m: { workspace: { id: string } }) => m.workspace.id)).toContain(tenant.workspaceId);
  });

  test('a query paging through thousands of responses per dataset is refused at the gateway with QUERY_TOO_COSTLY', async () => {
    const answer = await gql(ABUSIVE, {}, tenant.token);
    expect(codesOf(answer)).toEqual(['QUERY_TOO_COSTLY']);
    expect(answer.data ?? null).toBeNull();
  });

  test('a direct caller of a subgraph meets the same kind of limit', async () => {
    const url = process.env['TEST_INGESTION_URL'];
    if (!url) throw new Error('TEST_INGESTION_URL is not set: run the tests with `npm test`.');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.token}` },
      body: JSON.stringify({ query: `query($id: ID!) { workspace: _entities(representations: [{__typename: "Workspace", id: $id}]) { ... on Workspace { datasets { responses(first: 100000) { id } } } } }`, variables: { id: tenant.workspaceId } }),
    });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
  });
});
