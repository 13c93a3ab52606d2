import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RESPONSE_RECEIVED, type ConsentChanged } from '@verbatim/contracts';
import { codeOf, newTenant, startTestService, waitFor, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { Readable } from 'node:stream';
import { createIngestion, type Ingestion } from '../src/app.js';
import { runImport, startImport } from '../src/domain/imports.js';

let ingestion: TestService<Ingestion>;
/** Stands in for the anonymizer: reads what ingestion really put on the topic. */
let received: EventObserver;

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id legalBasis } }`;
const ADD = `mutation($input: AddResponsesInput!) { addResponses(input: $input) { responses { id pipelineState holdReasons respondent { id } } } }`;
const RESPONSE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Response { id pipelineState holdReasons } } }`;

async function consentDataset(t: TestTenant): Promise<string> {
  const r = await ingestion.gql(t.admin, CREATE_DATASET, { input: { workspaceId: t.workspaceId, name: 'Consented survey', legalBasis: 'CONSENT' } });
  expect(r.data!['createDataset'].legalBasis).toBe('CONSENT');
  return r.data!['createDataset'].id;
}

async function add(t: TestTenant, datasetId: string, externalId: string, consentRef: string) {
  const r = await ingestion.gql(t.admin, ADD, { input: { datasetId, responses: [{ externalId, text: 'La livraison était en retard.', consentRef }] } });
  expect(r.errors).toBeUndefined();
  return r.data!['addResponses'].responses[0] as { id: string; pipelineState: string; holdReasons: string[]; respondent: { id: string } };
}

/** Plays consent: announces a change, and waits until ingestion handled it. */
async function announce(change: Omit<ConsentChanged, 'subjectType' | 'purpose'> & Partial<ConsentChanged>) {
  const event = await ingestion.as('consent').publish(CONSENT_CHANGED, change.subjectId, { subjectType: 'RESPONDENT', purpose: 'ANALYSIS', ...change });
  await ingestion.handled(event);
}

const stateOf = async (t: TestTenant, id: string) => (await ingestion.gql(t.admin, RESPONSE, { r: [{ __typename: 'Response', id }] })).data!['_entities'][0];
const forwardedEvents = (id: string) => received.events.filter((e) => (e.payload as { responseId?: string }).responseId === id);

beforeAll(async () => {
  ingestion = await startTestService('ingestion', (base) => createIngestion({ ...base, config: { MAX_QUERY_DEPTH: 12, IMPORT_MAX_BYTES: 1 << 30 } }));
  received = await ingestion.observe([RESPONSE_RECEIVED]);
});

afterAll(async () => {
  await ingestion?.stop();
});

describe('responses resting on consent', () => {
  test('a response whose consent is unknown is stored HELD without an event, and forwarded when that consent is granted', async () => {
    const t = newTenant();
    const datasetId = await consentDataset(t);
    const consentId = randomUUID();
    const held = await add(t, datasetId, 'cust-1', consentId);
    expect(held).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_UNKNOWN'] });

    await announce({ consentId, workspaceId: t.workspaceId, subjectId: held.respondent.id, status: 'GRANTED' });
    expect(await stateOf(t, held.id)).toEqual({ id: held.id, pipelineState: 'FORWARDED', holdReasons: [] });
    await waitFor(async () => forwardedEvents(held.id).length === 1, { what: 'the released response handed to the anonymizer' });

    // Granted and known: the next response goes straight through.
    expect(await add(t, datasetId, 'cust-1', consentId)).toMatchObject({ pipelineState: 'FORWARDED', holdReasons: [] });
  });

  test('a withdrawn or outdated consent holds new responses with that reason, and a renewed consent releases them', async () => {
    const t = newTenant();
    const datasetId = await consentDataset(t);
    const consentId = randomUUID();
    const first = await add(t, datasetId, 'cust-2', consentId);
    const respondentId = first.respondent.id;
    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'GRANTED' });

    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'WITHDRAWN' });
    const whileWithdrawn = await add(t, datasetId, 'cust-2', consentId);
    expect(whileWithdrawn).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_WITHDRAWN'] });

    // Outdated meanwhile: the waiting response says so.
    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'OUTDATED' });
    expect((await stateOf(t, whileWithdrawn.id)).holdReasons).toEqual(['CONSENT_OUTDATED']);
    const whileOutdated = await add(t, datasetId, 'cust-2', consentId);
    expect(whileOutdated).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_OUTDATED'] });
    expect(forwardedEvents(whileWithdrawn.id).length + forwardedEvents(whileOutdated.id).length).toBe(0);

    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'GRANTED' });
    for (const r of [whileWithdrawn, whileOutdated]) expect(await stateOf(t, r.id)).toMatchObject({ pipelineState: 'FORWARDED', holdReasons: [] });
    await waitFor(async () => forwardedEvents(whileWithdrawn.id).length === 1 && forwardedEvents(whileOutdated.id).length === 1, { what: 'both released responses forwarded' });
  });

  test('another respondent\'s consent, another workspace\'s, or one for another purpose is unknown here', async () => {
    const t = newTenant();
    const datasetId = await consentDataset(t);
    const someoneElse = (await add(t, datasetId, 'cust-3', randomUUID())).respondent.id;
    const mine = (await add(t, datasetId, 'cust-4', randomUUID())).respondent.id;
    const [ofOther, ofOtherTenant, forContact] = [randomUUID(), randomUUID(), randomUUID()];
    await announce({ consentId: ofOther, workspaceId: t.workspaceId, subjectId: someoneElse, status: 'GRANTED' });
    await announce({ consentId: ofOtherTenant, workspaceId: randomUUID(), subjectId: mine, status: 'GRANTED' });
    await announce({ consentId: forContact, workspaceId: t.workspaceId, subjectId: mine, purpose: 'CONTACT', status: 'GRANTED' });
    const ofUser = randomUUID();
    await announce({ consentId: ofUser, workspaceId: t.workspaceId, subjectType: 'USER', subjectId: mine, status: 'GRANTED' });
    expect(await ingestion.app.deps.consentStates.model.countDocuments({ _id: ofUser })).toBe(0);
    for (const ref of [ofOther, ofOtherTenant, forContact, ofUser, 'paper form 12']) {
      expect(await add(t, datasetId, 'cust-4', ref)).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_UNKNOWN'] });
    }
  });

  test('a restricted respondent\'s response stays HELD for the restriction when its consent is granted, and lifting a restriction gives no consent', async () => {
    const t = newTenant();
    const datasetId = await consentDataset(t);
    const consentId = randomUUID();
    const held = await add(t, datasetId, 'cust-5', consentId);
    const respondentId = held.respondent.id;
    await ingestion.app.deps.respondents.setRestricted(respondentId, true);
    expect((await stateOf(t, held.id)).holdReasons).toEqual(['RESTRICTED', 'CONSENT_UNKNOWN']);

    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'GRANTED' });
    expect(await stateOf(t, held.id)).toMatchObject({ pipelineState: 'HELD', holdReasons: ['RESTRICTED'] });

    const other = randomUUID();
    const waiting = await add(t, datasetId, 'cust-5', other);
    const lift = await ingestion.as('rights').publish('rights.request-opened.v1', respondentId, { requestId: randomUUID(), kind: 'LIFT_RESTRICTION', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId: t.workspaceId });
    await ingestion.handled(lift);
    expect(await stateOf(t, held.id)).toMatchObject({ pipelineState: 'FORWARDED' });
    expect(await stateOf(t, waiting.id)).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_UNKNOWN'] });
  });

  test('a file import into a CONSENT dataset forwards the rows whose consent stands and holds the others', async () => {
    const t = newTenant();
    const datasetId = await consentDataset(t);
    const consentId = randomUUID();
    const respondentId = (await add(t, datasetId, 'cust-7', consentId)).respondent.id;
    await announce({ consentId, workspaceId: t.workspaceId, subjectId: respondentId, status: 'GRANTED' });

    const job = await startImport(ingestion.app.deps, { principal: t.admin, authProblem: null }, { datasetId, format: 'NDJSON' });
    const file = [
      { externalId: 'cust-7', text: 'Imported, with consent.', consentRef: consentId },
      { externalId: 'cust-8', text: 'Imported, on a paper form.', consentRef: 'paper form 12' },
    ].map((row) => JSON.stringify(row)).join('\n');
    const outcome = await runImport(ingestion.app.deps, job, Readable.from([file]));
    expect(outcome.job.status).toBe('COMPLETED');

    const rows = await ingestion.app.deps.responses.model.find({ importId: job._id }).lean();
    const byText = new Map(rows.map((r) => [r.text, r]));
    expect(byText.get('Imported, with consent.')).toMatchObject({ pipelineState: 'FORWARDED', consentHold: null });
    expect(byText.get('Imported, on a paper form.')).toMatchObject({ pipelineState: 'HELD', consentHold: 'CONSENT_UNKNOWN' });
    await waitFor(async () => forwardedEvents(byText.get('Imported, with consent.')!._id).length === 1, { what: 'the consented imported row forwarded' });
  });

  test('a dataset on legitimate interest forwards whatever consentRef it is given, and an unknown legal basis is refused', async () => {
    const t = newTenant();
    const created = await ingestion.gql(t.admin, CREATE_DATASET, { input: { workspaceId: t.workspaceId, name: 'Reviews' } });
    expect(created.data!['createDataset'].legalBasis).toBe('LEGITIMATE_INTEREST');
    expect(await add(t, created.data!['createDataset'].id, 'cust-6', 'form-1')).toMatchObject({ pipelineState: 'FORWARDED', holdReasons: [] });
    expect(codeOf(await ingestion.gql(t.admin, CREATE_DATASET, { input: { workspaceId: t.workspaceId, name: 'x', legalBasis: 'CONTRACT' } }))).toBe('BAD_USER_INPUT');
  });
});
