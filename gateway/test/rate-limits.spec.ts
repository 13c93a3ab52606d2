import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RunningHttp } from '@verbatim/kit';
import { freshLoopbackAddress } from '../../test/support/graph.js';
import { createPartnerClient, partnerOperation } from '../../test/support/partner.js';
import { createTenant, type Tenant } from '../../test/support/tenant.js';
import { startGateway } from './support/in-process.js';
import { post, type Answer } from './support/post.js';

const PER_ADDRESS = 5;
const PER_CLIENT = 3;

function expectRateLimited(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body.errors?.[0]?.message).toContain(`try again in ${retryAfter} s`);
}

describe('rate limits at the gateway', () => {
  let gateway: RunningHttp;
  let admin: Tenant;
  beforeAll(async () => {
    // Its own gateway with small limits: the stack's own lifts the per-address limit for the whole suite.
    gateway = await startGateway({ RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS), RATE_LIMIT_PER_CLIENT: String(PER_CLIENT) });
    admin = await createTenant('limits');
  });
  afterAll(async () => {
    await gateway?.close();
  });

  test(`the ${PER_ADDRESS + 1}th request in a minute from one address, to the graph or the token endpoint, is answered 429 with Retry-After and RATE_LIMITED; another address is unaffected`, async () => {
    const address = freshLoopbackAddress();
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect((await post(gateway.url, { query: '{ __typename }' }, { localAddress: address })).status).toBe(200);
    }
    expectRateLimited(await post(gateway.url, { query: '{ __typename }' }, { localAddress: address }));
    // A signed-in user from that address is limited too: the address counts whoever sends.
    expectRateLimited(await post(gateway.url, { query: '{ me { id } }' }, { localAddress: address, token: admin.token }));
    // So is identity's token endpoint on the gateway's origin (guessing client secrets counts too).
    const token = await new Promise<{ status: number; retryAfter: string | string[] | undefined }>((resolve, reject) => {
      const req = request(new URL('/oauth/token', gateway.url), { method: 'POST', localAddress: address, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
      });
      req.on('error', reject);
      req.end('grant_type=client_credentials&client_id=x&client_secret=y');
    });
    expect(token.status).toBe(429);
    expect(Number(token.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await post(gateway.url, { query: '{ __typename }' }, { localAddress: freshLoopbackAddress() })).status).toBe(200);
  });

  test(`a partner API client is limited to ${PER_CLIENT} requests a minute from any address, whatever its addresses' counts`, async () => {
    const client = await createPartnerClient(admin.token, admin.workspaceId, ['datasets:read']);
    const { id: sha256Hash } = partnerOperation('PartnerDataset');
    const read = (localAddress: string) =>
      post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash } }, variables: { id: '00000000-0000-4000-8000-000000000000' } }, { token: client.token, localAddress });
    for (let i = 0; i < PER_CLIENT; i++) {
      const answer = await read(freshLoopbackAddress());
      expect([answer.status, answer.body.errors?.map((e) => e.extensions?.code)]).toEqual([200, ['NOT_FOUND']]);
    }
    expectRateLimited(await read(freshLoopbackAddress()));
    // The workspace's users are not the client: their requests go on.
    expect((await post(gateway.url, { query: '{ me { id } }' }, { localAddress: freshLoopbackAddress(), token: admin.token })).body).toEqual({ data: { me: { id: admin.userId } } });
  });
});
