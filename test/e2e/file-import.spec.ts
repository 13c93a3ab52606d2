import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Connection } from 'mongoose';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { connectServiceDatabases } from '../support/databases.js';
import { createTenant, type Tenant } from '../support/tenant.js';
import { upload, uploadDeclaring } from '../support/upload.js';

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const START = `mutation($input: StartImportInput!) { startImport(input: $input) { id status uploadPath rowsRead } }`;
const JOB = `query($id: ID!) { importJob(id: $id) { id status rowsRead rowsStored rowsRejected errors { line field reason } startedAt finishedAt } }`;
const DATASET = `query($id: ID!) {
  dataset(id: $id) { responseCount version anonymizedCount imports { id status } responses(first: 100) { pipelineState consentRef submittedAt respondent { externalId } } }
}`;

let conns: Map<string, Connection>;
let owner: Tenant;

beforeAll(async () => {
  conns = await connectServiceDatabases();
  owner = await createTenant('importer');
});

afterAll(async () => {
  for (const conn of conns?.values() ?? []) await conn.close();
});

async function newImport(tenant: Tenant, format: string, columns?: Record<string, string>) {
  const datasetId: string = (await ok(CREATE_DATASET, { input: { workspaceId: tenant.workspaceId, name: `import ${format}` } }, tenant.token)).createDataset.id;
  const job = (await ok(START, { input: { datasetId, format, ...(columns ? { columns } : {}) } }, tenant.token)).startImport;
  expect(job).toMatchObject({ status: 'PENDING', uploadPath: `/imports/${job.id}`, rowsRead: 0 });
  return { datasetId, jobId: job.id as string, uploadPath: job.uploadPath as string };
}

/** Polls the job through the gateway until it is finished. */
const finished = (jobId: string, token: string) =>
  waitFor(
    async () => {
      const job = (await ok(JOB, { id: jobId }, token)).importJob;
      return job.status === 'COMPLETED' || job.status === 'FAILED' ? job : undefined;
    },
    { timeoutMs: 30_000, what: `import ${jobId} to finish` },
  );

const ingestionDb = () => conns.get('ingestion')!.db!;
const storedRows = (importId: string) => ingestionDb().collection('responses').countDocuments({ importId });
const respondentsCreatedBy = (importId: string) => ingestionDb().collection('respondents').countDocuments({ createdByImport: importId });

async function expectCompleted(datasetId: string, jobId: string, rows: number) {
  const job = await finished(jobId, owner.token);
  expect(job).toMatchObject({ status: 'COMPLETED', rowsRead: rows, rowsStored: rows, rowsRejected: 0, errors: [] });
  expect(job.finishedAt).not.toBeNull();
  // Forwarded: the anonymizer received and processed every imported row.
  const dataset = await waitFor(
    async () => {
      const d = (await ok(DATASET, { id: datasetId }, owner.token)).dataset;
      return d.anonymizedCount === rows ? d : undefined;
    },
    { timeoutMs: 60_000, what: `${rows} imported rows anonymized` },
  );
  expect(dataset.responseCount).toBe(rows);
  expect(dataset.version).toBe(1);
  expect(dataset.imports).toEqual([{ id: jobId, status: 'COMPLETED' }]);
  expect(dataset.responses.every((r: { pipelineState: string }) => r.pipelineState === 'FORWARDED')).toBe(true);
  return dataset;
}

async function expectNothingKept(datasetId: string, jobId: string) {
  const dataset = (await ok(DATASET, { id: datasetId }, owner.token)).dataset;
  expect(dataset).toMatchObject({ responseCount: 0, version: 0, responses: [] });
  expect(await storedRows(jobId)).toBe(0);
  expect(await respondentsCreatedBy(jobId)).toBe(0);
}

describe('file imports through the gateway', () => {
  test('a CSV file with a column mapping imports every row, quoted commas and line breaks included, and forwards them', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'CSV', { externalId: 'customer', email: 'mail', name: 'full name', text: 'answer', consentRef: 'consent', submittedAt: 'date' });
    const csv = [
      'customer,mail,full name,answer,consent,date,ignored',
      'c-1,anna@example.com,Anna Meyer,"Fast delivery, friendly staff",form-1,2026-05-01T10:00:00Z,x',
      'c-2,,,"Two lines:\nthe app crashes",form-1,,y',
      'c-1,,,Still happy,form-2,2026-05-02T10:00:00Z,z',
    ].join('\r\n');
    const answer = await upload(uploadPath, csv, owner.token);
    expect(answer.status).toBe(200);
    expect(answer.body.job).toMatchObject({ id: jobId, status: 'COMPLETED', rowsStored: 3 });
    const dataset = await expectCompleted(datasetId, jobId, 3);
    expect(dataset.responses.map((r: any) => r.respondent.externalId).sort()).toEqual(['c-1', 'c-1', 'c-2']);
    expect(dataset.responses.map((r: any) => r.consentRef).sort()).toEqual(['form-1', 'form-1', 'form-2']);
    expect(await ingestionDb().collection('respondents').countDocuments({ createdByImport: jobId })).toBe(2);
  });

  test('an NDJSON file imports one response per line and forwards them', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'NDJSON');
    const lines = [1, 2, 3, 4].map((i) => JSON.stringify({ externalId: `n-${i}`, text: `Answer number ${i}`, consentRef: 'form-n' }));
    const answer = await upload(uploadPath, `${lines.join('\n')}\n\n`, owner.token);
    expect(answer.status).toBe(200);
    await expectCompleted(datasetId, jobId, 4);
  });

  test('a JSON array streamed in small chunks imports every element and forwards them', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'JSON');
    const json = JSON.stringify([1, 2].map((i) => ({ externalId: `j-${i}`, email: `j${i}@example.org`, text: `Réponse ${i} très détaillée`, consentRef: 'form-j' })));
    async function* chunks() {
      for (let i = 0; i < json.length; i += 7) yield new TextEncoder().encode(json.slice(i, i + 7));
    }
    const answer = await upload(uploadPath, chunks(), owner.token);
    expect(answer.status).toBe(200);
    await expectCompleted(datasetId, jobId, 2);
  });

  test('one malformed row fails the whole import with its line and field, and nothing is stored', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'NDJSON');
    const rows = [
      { externalId: 'm-1', text: 'fine', consentRef: 'f' },
      { externalId: 'm-2', text: 'fine too', consentRef: 'f' },
      { externalId: 'm-3', email: 'not an email', text: 'bad email', consentRef: 'f' },
      { externalId: 'm-4', text: 'fine again', consentRef: 'f' },
    ];
    const answer = await upload(uploadPath, rows.map((r) => JSON.stringify(r)).join('\n'), owner.token);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].extensions.code).toBe('IMPORT_FAILED');
    const job = await finished(jobId, owner.token);
    expect(job).toMatchObject({ status: 'FAILED', rowsRead: 4, rowsRejected: 1 });
    expect(job.errors).toEqual([{ line: 3, field: 'email', reason: 'email must be a valid email address' }]);
    await expectNothingKept(datasetId, jobId);
  });

  test('a truncated JSON array fails the import and keeps nothing', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'JSON');
    const answer = await upload(uploadPath, '[{"externalId":"t-1","text":"ok","consentRef":"f"},{"externalId":"t-2","te', owner.token);
    expect(answer.status).toBe(422);
    const job = await finished(jobId, owner.token);
    expect(job.status).toBe('FAILED');
    expect(job.errors[0].reason).toMatch(/^Not a valid JSON array/);
    await expectNothingKept(datasetId, jobId);
  });

  test('a file that is not CSV, sent as CSV, fails on its header and keeps nothing', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'CSV');
    const answer = await upload(uploadPath, '{"externalId": "x-1", "text": "json, not csv", "consentRef": "f"}\n', owner.token);
    expect(answer.status).toBe(422);
    const job = await finished(jobId, owner.token);
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/^Not valid CSV|no column/) });
    await expectNothingKept(datasetId, jobId);
  });

  test('a column mapping naming a column the file lacks fails the import', async () => {
    const { datasetId, jobId, uploadPath } = await newImport(owner, 'CSV', { text: 'comment' });
    const answer = await upload(uploadPath, 'externalId,text,consentRef\nu-1,hello,f\n', owner.token);
    expect(answer.status).toBe(422);
    const job = await finished(jobId, owner.token);
    expect(job.errors).toEqual([{ line: 1, field: 'text', reason: expect.stringContaining('no column "comment"') }]);
    await expectNothingKept(datasetId, jobId);
  });

  test('a Content-Length over the limit is refused with 413 before the body is read; the job stays PENDING', async () => {
    const { jobId, uploadPath } = await newImport(owner, 'CSV');
    const answer = await uploadDeclaring(uploadPath, 3 * 1024 ** 3, owner.token);
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await ok(JOB, { id: jobId }, owner.token)).importJob.status).toBe('PENDING');
  });

  test('another workspace’s user can neither upload to nor read an import; a finished import takes no second file', async () => {
    const stranger = await createTenant('import-stranger');
    const { jobId, uploadPath } = await newImport(owner, 'NDJSON');
    const row = JSON.stringify({ externalId: 's-1', text: 'mine', consentRef: 'f' });
    const refused = await upload(uploadPath, row, stranger.token);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(codesOf(await gql(JOB, { id: jobId }, stranger.token))).toEqual(['FORBIDDEN']);
    expect((await upload(uploadPath, row, 'not-a-token')).status).toBe(401);
    expect((await upload(uploadPath, row, owner.token)).status).toBe(200);
    const again = await upload(uploadPath, row, owner.token);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].extensions.code).toBe('IMPORT_NOT_PENDING');
  });
});
