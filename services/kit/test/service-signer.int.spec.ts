import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Connection } from 'mongoose';
import { connectMongo, createLogger, loadServiceSigner, localProofKeys, ProofKeysUnavailable, ProofRejected, remoteProofKeys, verifyServiceProof, type ServiceSigner } from '../src/index.js';
import { newTestSigner, servePublishedKeys, testInfra, uniqueName } from '../src/testing/index.js';

const infra = testInfra();
let conn: Connection;
let other: Connection;
let signer: ServiceSigner;

beforeAll(async () => {
  conn = await connectMongo(infra.mongoUrlFor(uniqueName('kit_signer')), createLogger('kit', 'silent'));
  other = await connectMongo(infra.mongoUrlFor(uniqueName('kit_signer_other')), createLogger('kit', 'silent'));
  signer = await loadServiceSigner(conn, 'ingestion');
});

afterAll(async () => {
  for (const c of [conn, other]) {
    await c?.dropDatabase();
    await c?.close();
  }
});

const typ = 'test-receipt+jwt';

describe('a service signer', () => {
  test('signs a statement that verifies against its published keys, naming the service and the subject', async () => {
    const jws = await signer.sign({ counts: { responses: 3 } }, { typ, subject: 'digest-1' });
    const payload = await verifyServiceProof(jws, localProofKeys(signer.jwks()), { service: 'ingestion', typ });
    expect(payload).toMatchObject({ iss: 'verbatim:ingestion', sub: 'digest-1', counts: { responses: 3 } });
    expect(typeof payload.jti).toBe('string');
    expect(signer.jwks().keys[0]).not.toHaveProperty('d');
  });

  test('keeps its key across restarts: a second load signs with the same key', async () => {
    const again = await loadServiceSigner(conn, 'ingestion');
    expect(again.jwks()).toEqual(signer.jwks());
    const jws = await again.sign({ n: 1 }, { typ });
    await expect(verifyServiceProof(jws, localProofKeys(signer.jwks()), { service: 'ingestion', typ })).resolves.toMatchObject({ n: 1 });
  });

  test('refuses a tampered statement, another kind of statement, another service, and another key', async () => {
    const jws = await signer.sign({ counts: { responses: 3 } }, { typ });
    const keys = localProofKeys(signer.jwks());
    const [h, p, s] = jws.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), counts: { responses: 0 } })).toString('base64url');
    await expect(verifyServiceProof(`${h}.${forgedPayload}.${s}`, keys, { service: 'ingestion', typ })).rejects.toBeInstanceOf(ProofRejected);
    await expect(verifyServiceProof(jws, keys, { service: 'ingestion', typ: 'other+jwt' })).rejects.toBeInstanceOf(ProofRejected);
    await expect(verifyServiceProof(jws, keys, { service: 'identity', typ })).rejects.toBeInstanceOf(ProofRejected);
    const impostor = await loadServiceSigner(other, 'ingestion');
    const forged = await impostor.sign({ counts: { responses: 3 } }, { typ });
    await expect(verifyServiceProof(forged, keys, { service: 'ingestion', typ })).rejects.toBeInstanceOf(ProofRejected);
  });
});

describe('published proof keys read over HTTP (remoteProofKeys)', () => {
  test('verify what the service signed; a key it does not publish is refused; keys that cannot be read are unavailable, not a refusal', async () => {
    const published = await servePublishedKeys([signer]);
    try {
      const keys = remoteProofKeys(published.urls['ingestion']!);
      const jws = await signer.sign({ n: 1 }, { typ });
      await expect(verifyServiceProof(jws, keys, { service: 'ingestion', typ })).resolves.toMatchObject({ n: 1 });
      const stranger = await newTestSigner('ingestion');
      await expect(verifyServiceProof(await stranger.sign({ n: 1 }, { typ }), keys, { service: 'ingestion', typ })).rejects.toMatchObject({ reason: 'ERR_JWKS_NO_MATCHING_KEY' });
      // A base URL that serves no keys (404), then one where nothing listens.
      await expect(verifyServiceProof(jws, remoteProofKeys(`${published.urls['ingestion']!}/nothing`), { service: 'ingestion', typ })).rejects.toBeInstanceOf(ProofKeysUnavailable);
    } finally {
      await published.close();
    }
    await expect(verifyServiceProof(await signer.sign({ n: 1 }, { typ }), remoteProofKeys(published.urls['ingestion']!), { service: 'ingestion', typ })).rejects.toBeInstanceOf(ProofKeysUnavailable);
  });
});
