import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RESPONSE_RECEIVED } from '@verbatim/contracts';
import { startTestService, type EventObserver, type TestService } from '@verbatim/kit/testing';
import { createIngestion, type Ingestion } from '../src/app.js';
import { DEFAULT_IMPORT_MAX_BYTES } from '../src/http/import-route.js';
import { responseReceivedEntry } from '../src/events/response-received.js';
import type { ImportJobDoc } from '../src/model/import-job.schema.js';
import type { ResponseDoc } from '../src/model/response.schema.js';

let service: TestService<Ingestion>;
let received: EventObserver;
// The repositories and the sweep of the service under test (the sweep is run by hand, not on its timer).
let ingestion: Ingestion['deps'] & { importSweep: Ingestion['importSweep'] };

beforeAll(async () => {
  service = await startTestService('ingestion', (base) => createIngestion({ ...base, config: { MAX_QUERY_DEPTH: 12, IMPORT_MAX_BYTES: DEFAULT_IMPORT_MAX_BYTES } }));
  ingestion = { ...service.app.deps, importSweep: service.app.importSweep };
  received = await service.observe([RESPONSE_RECEIVED]);
});

afterAll(async () => {
  await service?.stop();
});

function job(status: ImportJobDoc['status'], heartbeatAt: Date, workspaceId: string, datasetId: string): ImportJobDoc {
  return {
    _id: randomUUID(), workspaceId, datasetId, createdBy: randomUUID(), format: 'NDJSON', columns: null, status,
    rowsRead: 2, rowsStored: 2, rowsRejected: 0, errors: [], createdAt: heartbeatAt, startedAt: heartbeatAt, finishedAt: null, heartbeatAt, datasetVersion: null,
  };
}

function staged(importId: string, workspaceId: string, datasetId: string, respondentId: string): ResponseDoc {
  const now = new Date();
  return {
    _id: randomUUID(), workspaceId, datasetId, respondentId, text: 'staged text', consentRef: 'f', submittedAt: now, receivedAt: now,
    datasetVersion: 1, pipelineState: 'STAGED', stagedAs: 'HELD', importId, outboxPending: false, outboxSeq: 0,
  };
}

describe('the sweep of imports a crashed process left behind', () => {
  test('fails a RUNNING import without a recent heartbeat, deletes its staged rows and the respondents only it used; leaves a live one alone', async () => {
    const workspaceId = randomUUID();
    const datasetId = randomUUID();
    await ingestion.datasets.insert({ _id: datasetId, workspaceId, name: 'swept', createdAt: new Date(), responseCount: 0, version: 0 });
    const dead = job('RUNNING', new Date(Date.now() - 10 * 60_000), workspaceId, datasetId);
    const live = job('RUNNING', new Date(), workspaceId, datasetId);
    for (const j of [dead, live]) await ingestion.imports.insert(j);

    const known = new Map([['only-import', { email: null, name: null }], ['also-elsewhere', { email: null, name: null }]]);
    const respondents = await ingestion.staging.upsertRespondents(workspaceId, dead._id, known);
    const onlyImport = respondents.get('only-import')!._id;
    const elsewhere = respondents.get('also-elsewhere')!._id;
    await ingestion.staging.insertStaged([staged(dead._id, workspaceId, datasetId, onlyImport), staged(dead._id, workspaceId, datasetId, elsewhere), staged(live._id, workspaceId, datasetId, elsewhere)]);
    // A response stored outside the import keeps its respondent alive.
    await ingestion.responses.insertMany([{ ...staged('', workspaceId, datasetId, elsewhere), pipelineState: 'FORWARDED', stagedAs: null, importId: null }]);

    expect(await ingestion.importSweep.sweepOnce()).toBe(1);

    const after = await ingestion.imports.findById(dead._id);
    expect(after).toMatchObject({ status: 'FAILED' });
    expect(after!.errors.at(-1)!.reason).toMatch(/interrupted/);
    expect(await ingestion.responses.model.countDocuments({ importId: dead._id })).toBe(0);
    expect(await ingestion.respondents.findById(onlyImport)).toBeNull();
    expect(await ingestion.respondents.findById(elsewhere)).not.toBeNull();
    expect((await ingestion.imports.findById(live._id))!.status).toBe('RUNNING');
    expect(await ingestion.responses.model.countDocuments({ importId: live._id })).toBe(1);
  });

  test('finishes the commit of a COMMITTING import: its rows become visible and counted once', async () => {
    const workspaceId = randomUUID();
    const datasetId = randomUUID();
    await ingestion.datasets.insert({ _id: datasetId, workspaceId, name: 'rolled forward', createdAt: new Date(), responseCount: 0, version: 0 });
    const committing = job('COMMITTING', new Date(Date.now() - 10 * 60_000), workspaceId, datasetId);
    await ingestion.imports.insert(committing);
    const respondent = (await ingestion.staging.upsertRespondents(workspaceId, committing._id, new Map([['r', { email: null, name: null }]]))).get('r')!;
    const held = staged(committing._id, workspaceId, datasetId, respondent._id);
    // Staged with a provisional version in its event: the commit rewrites it to the dataset's new one.
    const forwarded = { ...staged(committing._id, workspaceId, datasetId, respondent._id), stagedAs: 'FORWARDED' as const, datasetVersion: 7 };
    await ingestion.staging.insertStaged([held, { ...forwarded, outbox: [responseReceivedEntry(service.bus, forwarded, respondent)], outboxSeq: 1 }]);

    expect(await ingestion.importSweep.sweepOnce()).toBe(1);

    expect(await ingestion.imports.findById(committing._id)).toMatchObject({ status: 'COMPLETED', rowsStored: 2, datasetVersion: 1 });
    expect(await ingestion.datasets.findById(datasetId)).toMatchObject({ responseCount: 2, version: 1 });
    expect(await ingestion.responses.findById(held._id)).toMatchObject({ pipelineState: 'HELD', datasetVersion: 1, outboxPending: false });
    const sent = await ingestion.responses.findById(forwarded._id);
    expect(sent).toMatchObject({ pipelineState: 'FORWARDED', datasetVersion: 1, stagedAs: null });
    // Read from the topic, not the outbox: the running relay may already have published and cleared it.
    const event = await received.waitFor((e) => e.payload.responseId === forwarded._id, 'the committed row\'s response-received event');
    expect(event.payload).toMatchObject({ responseId: forwarded._id, datasetVersion: 1 });
  });
});
