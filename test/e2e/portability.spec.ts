import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { localProofKeys, verifyServiceProof } from '@verbatim/kit';
import { waitFor } from '@verbatim/kit/testing';
import { strFromU8, unzipSync } from 'fflate';
import { connectServiceDatabases } from '../support/databases.js';
import { codesOf, gatewayUrl, gql, ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const REQUEST_PORTABILITY = `mutation($input: PortabilityInput!) { requestPortability(input: $input) { id kind status subjectType } }`;
const OUTCOME = `query($id: ID!) {
  portabilityOutcome(requestId: $id) {
    status downloadPath expiresAt destination
    request { id status acknowledgements { service counts { collection action count } } }
    transmission { attempts receiverStatus receiverBody errorCode archiveSha256 at }
  }
}`;

interface Outcome {
  status: string;
  downloadPath: string | null;
  expiresAt: string | null;
  destination: string | null;
  request: { id: string; status: string; acknowledgements: Array<{ service: string }> };
  transmission: { attempts: number; receiverStatus: number | null; receiverBody: string | null; errorCode: string | null; archiveSha256: string; at: string } | null;
}

const outcome = async (id: string, token: string) => (await ok<{ portabilityOutcome: Outcome }>(OUTCOME, { id }, token)).portabilityOutcome;

/** Waits until the outcome leaves PREPARING / SENDING. */
const settled = (id: string, token: string) =>
  waitFor(
    async () => {
      const o = await outcome(id, token);
      return o.status === 'PREPARING' || o.status === 'SENDING' ? undefined : o;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `portability request ${id} settled` },
  );

const download = (path: string) => fetch(new URL(path, gatewayUrl()));

/** The archive's files, with data.json parsed. */
function openArchive(zip: Uint8Array) {
  const files = unzipSync(zip);
  return { names: Object.keys(files).sort(), data: JSON.parse(strFromU8(files['data.json']!)), text: (name: string) => strFromU8(files[name]!) };
}

/** Test receiving controller: HTTPS with the self-signed certificate the test stack's rights trusts. */
interface Receiver {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

async function startReceiver(answers: Array<{ status: number; body: string }>): Promise<Receiver> {
  const bodies: string[] = [];
  let calls = 0;
  const server: Server = createServer(
    { key: readFileSync(new URL('../fixtures/portability-receiver.key', import.meta.url)), cert: readFileSync(new URL('../fixtures/portability-receiver.crt', import.meta.url)) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        const answer = answers[Math.min(calls++, answers.length - 1)]!;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/verbatim-import`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

/** A local port nobody listens on. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function rightsProofKeys() {
  const res = await fetch(new URL('/.well-known/proof-keys.json', process.env['TEST_RIGHTS_URL']!));
  return localProofKeys((await res.json()) as Parameters<typeof localProofKeys>[0]);
}

describe('portability (Art. 20) through the gateway', () => {
  let user: Tenant;
  beforeAll(async () => {
    user = await createTenant('portability');
  });

  test('a user downloads their provided data once, as JSON and CSV in one zip, through an expiring signed link', async () => {
    const started = Date.now();
    const opened = (await ok(REQUEST_PORTABILITY, { input: {} }, user.token)).requestPortability;
    expect(opened).toMatchObject({ kind: 'PORTABILITY', subjectType: 'USER', status: 'IN_PROGRESS' });
    const ready = await settled(opened.id, user.token);
    process.stdout.write(`portability (user, link): ${Date.now() - started} ms\n`);
    expect(ready.status).toBe('READY');
    // Every holder acknowledged (the request reads COMPLETED once its completion event has left).
    expect(ready.request.acknowledgements.map((a: { service: string }) => a.service).sort()).toEqual(['anonymizer', 'consent', 'identity', 'ingestion', 'reporting']);
    expect(new Date(ready.expiresAt!).getTime()).toBeGreaterThan(Date.now());

    const res = await download(ready.downloadPath!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('x-archive-sha256')).toBe(createHash('sha256').update(zip).digest('hex'));
    const archive = openArchive(zip);
    expect(archive.names).toEqual(['csv/identity-users.csv', 'data.json']);

    // What identity stores, limited to what the person provided under the contract: no password hash,
    // no role (given by the workspace), no restriction flag (a legal record).
    const dbs = await connectServiceDatabases();
    try {
      const stored = await dbs.get('identity')!.db!.collection('users').findOne({ _id: user.userId as any });
      const [section] = archive.data.sections;
      expect(archive.data).toMatchObject({ format: 'verbatim-portability/v1', request: { id: opened.id, subjectType: 'USER' } });
      expect(archive.data.sections).toHaveLength(1);
      expect(section).toEqual({ service: 'identity', collections: [{ collection: 'users', documents: [{ _id: user.userId, email: stored!['email'], firstName: stored!['firstName'] }] }] });
      expect(archive.text('csv/identity-users.csv')).toBe(`_id,email,firstName\r\n${user.userId},${stored!['email']},${stored!['firstName']}\r\n`);
      const delivery = await dbs.get('rights')!.db!.collection('portability_deliveries').findOne({ _id: opened.id as any });
      expect(delivery).toMatchObject({ destination: null, status: 'DOWNLOADED', downloadedAt: expect.any(Date) });
    } finally {
      for (const c of dbs.values()) await c.close();
    }
    expect(JSON.stringify(archive.data)).not.toMatch(/argon2|passwordHash|ADMIN/);

    // Once only: the same link again, and the outcome says so.
    const again = await download(ready.downloadPath!);
    expect(again.status).toBe(410);
    expect(((await again.json()) as any).error.code).toBe('ALREADY_DOWNLOADED');
    expect(await outcome(opened.id, user.token)).toMatchObject({ status: 'DOWNLOADED', downloadPath: null });

    // A forged link (one character of the signature changed) is refused.
    // A character inside the signature: the last one of a base64url signature carries padding bits, so changing it may change nothing.
    const path = ready.downloadPath!;
    const at = path.length - 10;
    const forged = path.slice(0, at) + (path[at] === 'A' ? 'B' : 'A') + path.slice(at + 1);
    const refused = await download(forged);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as any).error.code).toBe('LINK_INVALID');
  });

  test('a link past its expiry gives no archive', async () => {
    const tenant = await createTenant('portability-expired');
    const opened = (await ok(REQUEST_PORTABILITY, { input: {} }, tenant.token)).requestPortability;
    const ready = await settled(opened.id, tenant.token);
    expect(ready.status).toBe('READY');
    // The archive became ready two days ago (the stack's links last one day).
    const dbs = await connectServiceDatabases();
    try {
      await dbs.get('rights')!.db!.collection('requests').updateOne({ _id: opened.id as any }, { $set: { completedAt: new Date(Date.now() - 2 * 24 * 3_600_000) } });
    } finally {
      for (const c of dbs.values()) await c.close();
    }
    const res = await download(ready.downloadPath!);
    expect(res.status).toBe(410);
    expect(((await res.json()) as any).error.code).toBe('LINK_EXPIRED');
    expect(await outcome(opened.id, tenant.token)).toMatchObject({ status: 'EXPIRED', downloadPath: null });
  });

  test("an archive sent to another controller's HTTPS endpoint arrives as a JWS signed with the platform's key, after a retry, and the receiver's answer is kept", async () => {
    const tenant = await createTenant('portability-push');
    const receiver = await startReceiver([
      { status: 503, body: '{"error":"busy"}' },
      { status: 201, body: '{"accepted":true,"reference":"imp-42"}' },
    ]);
    try {
      const started = Date.now();
      const opened = (await ok(REQUEST_PORTABILITY, { input: { destination: receiver.url } }, tenant.token)).requestPortability;
      const done = await settled(opened.id, tenant.token);
      process.stdout.write(`portability (user, transmission): ${Date.now() - started} ms\n`);
      expect(done).toMatchObject({
        status: 'DELIVERED',
        downloadPath: null,
        destination: receiver.url,
        transmission: { attempts: 2, receiverStatus: 201, receiverBody: '{"accepted":true,"reference":"imp-42"}', errorCode: null },
      });
      // The receiver got the same signed archive twice (the first time it answered 503).
      expect(receiver.bodies).toHaveLength(2);
      expect(receiver.bodies[1]).toBe(receiver.bodies[0]);
      const claims = await verifyServiceProof(receiver.bodies[1]!, await rightsProofKeys(), { service: 'rights', typ: 'portability-transfer+jwt' });
      const zip = new Uint8Array(Buffer.from(String(claims['archive']), 'base64'));
      expect(claims).toMatchObject({ iss: 'verbatim:rights', requestId: opened.id, archiveSha256: createHash('sha256').update(zip).digest('hex') });
      expect(done.transmission!.archiveSha256).toBe(claims['archiveSha256']);
      const archive = openArchive(zip);
      expect(archive.data.sections[0].collections[0].documents[0]).toMatchObject({ _id: tenant.userId, email: tenant.email, firstName: 'portability-push' });
      // A JWS altered in transit no longer verifies.
      const [h, p, s] = receiver.bodies[1]!.split('.');
      await expect(verifyServiceProof(`${h}.${p}x.${s}`, await rightsProofKeys(), { service: 'rights', typ: 'portability-transfer+jwt' })).rejects.toThrow();

      const dbs = await connectServiceDatabases();
      try {
        const delivery = await dbs.get('rights')!.db!.collection('portability_deliveries').findOne({ _id: opened.id as any });
        expect(delivery).toMatchObject({ destination: receiver.url, status: 'DELIVERED', transmission: { attempts: 2, receiverStatus: 201 } });
      } finally {
        for (const c of dbs.values()) await c.close();
      }
      // Another user learns nothing about it.
      expect(codesOf(await gql(OUTCOME, { id: opened.id }, user.token))).toEqual(['NOT_FOUND']);
    } finally {
      await receiver.close();
    }
  });

  test('a receiver that refuses the archive: no retry of a 4xx, the receipt says DESTINATION_REFUSED', async () => {
    const tenant = await createTenant('portability-refused');
    const receiver = await startReceiver([{ status: 422, body: '{"error":"unknown account"}' }]);
    try {
      const opened = (await ok(REQUEST_PORTABILITY, { input: { destination: receiver.url } }, tenant.token)).requestPortability;
      const done = await settled(opened.id, tenant.token);
      expect(done).toMatchObject({ status: 'FAILED', transmission: { attempts: 1, receiverStatus: 422, errorCode: 'DESTINATION_REFUSED' } });
    } finally {
      await receiver.close();
    }
  });

  test('a destination that is not HTTPS, or does not answer, is refused with a stable code and nothing is opened', async () => {
    const tenant = await createTenant('portability-bad');
    const port = await closedPort();
    for (const [destination, code] of [
      ['http://127.0.0.1:8080/import', 'DESTINATION_NOT_HTTPS'],
      ['ftp://controller.example/import', 'DESTINATION_NOT_HTTPS'],
      ['not a url', 'DESTINATION_NOT_HTTPS'],
      ['https://user:secret@controller.example/import', 'DESTINATION_NOT_HTTPS'],
      [`https://127.0.0.1:${port}/import`, 'DESTINATION_UNREACHABLE'],
    ] as const) {
      expect([destination, codesOf(await gql(REQUEST_PORTABILITY, { input: { destination } }, tenant.token))]).toEqual([destination, [code]]);
    }
    const mine = await ok(`query { me { id rightsRequests { id kind } } }`, {}, tenant.token);
    expect(mine.me.rightsRequests).toEqual([]);
    // The outcome is for portability requests only.
    const rectification = (await ok(`mutation { requestRectification(input: { firstName: "Odile" }) { id } }`, {}, tenant.token)).requestRectification;
    expect(codesOf(await gql(OUTCOME, { id: rectification.id }, tenant.token))).toEqual(['BAD_USER_INPUT']);
  });

});
