import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { codesOf, gatewayUrl, gql, ok, type GraphResult } from '../support/graph.js';
import { createPartnerClient, partnerOperation } from '../support/partner.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const createHashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** A registered operation sent by its hash alone (Apollo's persisted-query extension), as a partner would. */
async function byHash<T = any>(sha256Hash: string, variables: Record<string, unknown>, token: string): Promise<GraphResult<T> & { status: number }> {
  const res = await fetch(gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } }, variables }),
  });
  return { status: res.status, ...((await res.json()) as GraphResult<T>) };
}

describe('partner API clients run only the registered operations, within their scopes', () => {
  let admin: Tenant;
  let reader: { clientId: string; token: string };
  let writer: { clientId: string; token: string };
  let datasetId: string;
  beforeAll(async () => {
    admin = await createTenant('partner-docs');
    reader = await createPartnerClient(admin.token, admin.workspaceId, ['datasets:read']);
    writer = await createPartnerClient(admin.token, admin.workspaceId, ['datasets:read', 'datasets:write']);
    datasetId = (await ok(partnerOperation('PartnerCreateDataset').body, { input: { workspaceId: admin.workspaceId, name: 'Partner sync' } }, writer.token)).createDataset.id;
  });

  test('a registered operation runs by its sha256 hash alone, or by its exact body', async () => {
    const { id, body } = partnerOperation('PartnerDataset');
    const hashed = await byHash(id, { id: datasetId }, reader.token);
    expect([hashed.status, hashed.data?.dataset]).toEqual([200, expect.objectContaining({ id: datasetId, name: 'Partner sync', workspaceId: admin.workspaceId, responseCount: 0 })]);
    expect((await ok(body, { id: datasetId }, reader.token)).dataset.id).toBe(datasetId);
  });

  test('the largest partner document passes the cost limit and runs', async () => {
    const { id } = partnerOperation('PartnerDatasetSync');
    const answer = await byHash(id, { id: datasetId }, reader.token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.dataset).toEqual(expect.objectContaining({ id: datasetId, responses: [], imports: [] }));
  });

  test.each([
    ['an operation of the web app', `query { me { id } }`],
    ['a registered operation with its text changed', partnerOperation('PartnerDataset').body.replace('name', 'name\n    version')],
    ['introspection', `{ __schema { queryType { name } } }`],
  ])('%s is refused with 403 PERSISTED_QUERY_NOT_ALLOWED before any subgraph runs it', async (_what, query) => {
    const res = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader.token}` },
      body: JSON.stringify({ query, variables: { id: datasetId } }),
    });
    const body = (await res.json()) as GraphResult<unknown>;
    expect([res.status, codesOf(body)]).toEqual([403, ['PERSISTED_QUERY_NOT_ALLOWED']]);
    expect(body.data ?? null).toBeNull();
  });

  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND, and sending a new body with its hash registers nothing', async () => {
    const query = `query { me { id } }`;
    const sha256Hash = createHashOf(query);
    expect(codesOf(await byHash(sha256Hash, {}, reader.token))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    // A user registering it the automatic-persisted-queries way does not make it a trusted document.
    const res = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    expect(((await res.json()) as GraphResult<{ me: { id: string } }>).data?.me.id).toBe(admin.userId);
    expect(codesOf(await byHash(sha256Hash, {}, reader.token))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  test('a registered operation outside the client\'s scopes is refused by the subgraph with FORBIDDEN', async () => {
    const { id } = partnerOperation('PartnerCreateDataset');
    const answer = await byHash(id, { input: { workspaceId: admin.workspaceId, name: 'not allowed' } }, reader.token);
    expect(codesOf(answer)).toEqual(['FORBIDDEN']);
    expect(answer.errors?.[0]?.message).toMatch(/lacks the scope datasets:write/);
  });

  test('a user session (the web app) is not limited to the registered operations', async () => {
    const answer = await gql(`query($id: ID!) { dataset(id: $id) { id name } }`, { id: datasetId }, admin.token);
    expect(answer.data?.dataset).toEqual({ id: datasetId, name: 'Partner sync' });
  });
});
