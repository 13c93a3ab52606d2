import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RunningHttp } from '@verbatim/kit';
import { generate } from 'selfsigned';
import { startGateway } from './support/in-process.js';
import { post } from './support/post.js';

describe('TLS when given a certificate', () => {
  let dir: string;
  let cert: string;
  let gateway: RunningHttp;
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    cert = pems.cert;
    dir = mkdtempSync(join(tmpdir(), 'gateway-tls-'));
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
    gateway = await startGateway({ TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') });
  });
  afterAll(async () => {
    await gateway?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the gateway serves https with that certificate, and the graph over it', async () => {
    expect(gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect((await post(gateway.url, { query: '{ __typename }' }, { ca: cert })).body).toEqual({ data: { __typename: 'Query' } });
  });

  test('a client that does not trust the certificate is refused by its own TLS check', async () => {
    await expect(post(gateway.url, { query: '{ __typename }' })).rejects.toThrow(/self[- ]signed|unable to verify/i);
  });

  test('plain http on the same port gets no GraphQL answer', async () => {
    const plain = gateway.url.replace('https:', 'http:');
    const outcome = await new Promise<string>((resolve) => {
      const req = request(plain, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', () => resolve('refused'));
      req.end('{"query":"{ __typename }"}');
    });
    expect(outcome === 'refused' || outcome === 'status 400').toBe(true);
  });
});
