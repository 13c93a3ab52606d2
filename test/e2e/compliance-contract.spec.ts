import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HOLDERS, SERVICES } from '@verbatim/contracts';
import { waitFor } from '@verbatim/kit/testing';
import { startComplianceConsumer, type Verdict } from '../../examples/compliance-consumer/src/consumer.js';
import { ok } from '../support/graph.js';
import { seedWorkspace } from './seeded-workspace.js';

const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { id } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { status subjectDigest certificate acknowledgements { service receipt } } }`;

/** Each running service's base URL, from the GraphQL URLs the stack gives the tests. */
const serviceUrls = Object.fromEntries(
  SERVICES.map((s) => {
    const url = process.env[`TEST_${s.toUpperCase()}_URL`];
    if (!url) throw new Error(`TEST_${s.toUpperCase()}_URL is not set: run the tests with \`npm test\`.`);
    return [s, url.replace(/\/graphql$/, '')];
  }),
);

/** `pnpm --silent verify-certificate ...`, as a person would run it at the repository root. */
function verifyCertificate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // pnpm runs the tests (npm test -> pnpm run stack) and names itself in npm_execpath; it is not always on PATH.
  const pnpm = process.env['npm_execpath'];
  const [command, prefix] = pnpm && /pnpm/.test(pnpm) ? (/\.c?js$/.test(pnpm) ? [process.execPath, [pnpm]] : [pnpm, []]) : ['pnpm', []];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, '--silent', 'verify-certificate', ...args], { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, INIT_CWD: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const verdicts: Verdict[] = [];
let consumer: { stop(): Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verbatim-certificate-'));
  // A plain kafkajs client with a group of its own, reading the rights topics from the beginning.
  consumer = await startComplianceConsumer({
    brokers: process.env['TEST_KAFKA_BROKERS']!.split(','),
    groupId: `compliance-${randomUUID()}`,
    serviceUrls,
    holders: HOLDERS,
    onVerdict: (v) => {
      verdicts.push(v);
    },
  });
});

afterAll(async () => {
  await consumer?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the compliance contract: a certificate from an erasure through the gateway, checked by tools that do not use the kit', () => {
  let requestId: string;
  let respondentId: string;
  let certificate: string;

  beforeAll(async () => {
    const { owner, respondentIds } = await seedWorkspace(['Gwenaëlle Kerhervé', 'Barnaby Thistlewood', 'Ottilie Marchetti']);
    respondentId = [...respondentIds.values()][0]!;
    requestId = (await ok(ERASE, { input: { workspaceId: owner.workspaceId, respondentId, ground: 'CONSENT_WITHDRAWN' } }, owner.token)).requestErasure.id;
    const done = await waitFor(
      async () => {
        const r = (await ok(RIGHTS, { id: requestId }, owner.token)).rightsRequest;
        return r.status === 'COMPLETED' ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `erasure ${requestId} to complete` },
    );
    expect(done.certificate).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(done.acknowledgements.map((a: { receipt: string | null }) => typeof a.receipt)).toEqual(HOLDERS.map(() => 'string'));
    certificate = done.certificate;
  });

  test('pnpm --silent verify-certificate prints the decoded certificate and "valid", fetching the keys from the running services or from a saved file', async () => {
    const file = join(dir, 'certificate.jws');
    writeFileSync(file, `${certificate}\n`);
    const keysFile = join(dir, 'keys.json');
    const services = SERVICES.flatMap((s) => ['--service', `${s}=${serviceUrls[s]}`]);
    const online = await verifyCertificate(file, ...services, '--save-keys', keysFile);
    expect(online.stderr).toBe('');
    expect(online.code).toBe(0);
    expect(online.stdout.trimEnd().endsWith('\nvalid')).toBe(true);
    const printed = JSON.parse(online.stdout.trimEnd().replace(/\nvalid$/, ''));
    expect(printed.certificate).toMatchObject({ iss: 'verbatim:rights', requestId, right: 'ERASURE', subjectType: 'RESPONDENT', holders: [...HOLDERS] });
    expect(printed.receipts.map((r: { holder: string }) => r.holder)).toEqual([...HOLDERS]);
    expect(online.stdout).not.toContain(respondentId);
    process.stdout.write(`sample certificate (decoded):\n${online.stdout}`);

    // Offline: the saved keys only.
    expect(Object.keys(JSON.parse(readFileSync(keysFile, 'utf8'))).sort()).toEqual([...SERVICES].sort());
    const offline = await verifyCertificate(file, '--keys', keysFile);
    expect(offline).toMatchObject({ code: 0, stderr: '' });
    expect(offline.stdout).toBe(online.stdout);
  });

  test('a tampered certificate is rejected with a clear message and a non-zero exit', async () => {
    const [header, body, signature] = certificate.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    claims.completedAt = new Date(Date.parse(claims.completedAt) - 86_400_000).toISOString();
    const tampered = join(dir, 'tampered.jws');
    writeFileSync(tampered, `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}\n`);
    const r = await verifyCertificate(tampered, ...SERVICES.flatMap((s) => ['--service', `${s}=${serviceUrls[s]}`]));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^invalid: certificate: signature not valid \(ERR_JWS_SIGNATURE_VERIFICATION_FAILED\)/);
  });

  test('the example compliance consumer (plain kafkajs, no kit) follows the rights events and finds the certificate valid', async () => {
    const verdict = await waitFor(async () => verdicts.find((v) => v.requestId === requestId), { timeoutMs: 30_000, what: 'the compliance consumer\'s verdict' });
    expect(verdict).toMatchObject({ kind: 'ERASURE', valid: true, certificate: { requestId, right: 'ERASURE' } });
    expect([...verdict.acknowledgedBy].sort()).toEqual([...HOLDERS].sort());
    expect(verdict.certificate!.holders.sort()).toEqual([...HOLDERS].sort());
  });
});
