import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RESPONSE_RECEIVED } from '@verbatim/contracts';
import type { Principal } from '@verbatim/kit';
import { codeOf, newTenant, startTestService, waitFor, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createIngestion, type Ingestion } from '../src/app.js';

let ingestion: TestService<Ingestion>;
/** Stands in for the anonymizer: reads what ingestion really put on the topic. */
let received: EventObserver;

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id workspaceId name version responseCount } }`;
const ADD = `mutation($input: AddResponsesInput!) {
  addResponses(input: $input) {
    dataset { id version responseCount }
    responses { id pipelineState consentRef respondent { id externalId restricted responseCount } }
  }
}`;

async function newDataset(principal: Principal, workspaceId: string): Promise<string> {
  const r = await ingestion.gql(principal, CREATE_DATASET, { input: { workspaceId, name: 'Enquête satisfaction' } });
  expect(r.errors).toBeUndefined();
  return r.data!['createDataset'].id;
}

async function stored(tenant: TestTenant) {
  const { responses, respondents } = ingestion.app.deps;
  return {
    responses: await responses.model.countDocuments({ workspaceId: tenant.workspaceId }),
    respondents: await respondents.model.countDocuments({ workspaceId: tenant.workspaceId }),
  };
}

beforeAll(async () => {
  ingestion = await startTestService('ingestion', (base) => createIngestion({ ...base, config: { MAX_QUERY_DEPTH: 12, IMPORT_MAX_BYTES: 1 << 30 } }));
  received = await ingestion.observe([RESPONSE_RECEIVED]);
});

afterAll(async () => {
  await ingestion?.stop();
});

describe('ingestion', () => {
  test('stores a batch, creates respondents once per external id and publishes one contract-valid event per response', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t.admin, t.workspaceId);
    const r = await ingestion.gql(t.admin, ADD, {
      input: {
        datasetId,
        responses: [
          { externalId: 'cust-1', email: 'Marie.Curie@Example.org', name: 'Marie Curie', text: 'Livraison rapide, merci !', consentRef: 'form-1' },
          { externalId: 'cust-1', text: 'Deuxième avis : emballage abîmé.', consentRef: 'form-1', submittedAt: '2025-03-01T10:00:00Z' },
          { externalId: 'cust-2', text: 'Great support team.', consentRef: 'form-1' },
        ],
      },
    });
    expect(r.errors).toBeUndefined();
    const payload = r.data!['addResponses'];
    expect(payload.dataset).toEqual({ id: datasetId, version: 1, responseCount: 3 });
    expect(payload.responses.map((x: any) => x.pipelineState)).toEqual(['FORWARDED', 'FORWARDED', 'FORWARDED']);
    expect(payload.responses[0].respondent.id).toBe(payload.responses[1].respondent.id);
    expect(payload.responses[0].respondent.responseCount).toBe(2);

    const ids: string[] = payload.responses.map((x: any) => x.id);
    const events = await waitFor(async () => {
      const mine = received.events.filter((e) => ids.includes((e.payload as any).responseId));
      return mine.length === 3 && mine;
    }, { what: 'three response-received events' });
    const first = events.find((e) => (e.payload as any).responseId === ids[0])!;
    expect(first.subjectId).toBe(payload.responses[0].respondent.id);
    expect(first.payload).toMatchObject({
      datasetId,
      workspaceId: t.workspaceId,
      datasetVersion: 1,
      respondentId: payload.responses[0].respondent.id,
      text: 'Livraison rapide, merci !',
      knownEntities: [
        { type: 'PERSON', value: 'Marie Curie' },
        { type: 'EMAIL', value: 'marie.curie@example.org' },
      ],
    });
    expect((events.find((e) => (e.payload as any).responseId === ids[2])!.payload as any).knownEntities).toEqual([]);
    // Published events leave the outbox.
    await waitFor(async () => (await ingestion.app.deps.responses.model.countDocuments({ _id: { $in: ids }, outboxPending: true })) === 0, { what: 'outbox drained' });

    const read = await ingestion.gql(t.admin, `query($id: ID!) { dataset(id: $id) { version responseCount responses(first: 10) { id submittedAt } } }`, { id: datasetId });
    expect(read.data!['dataset'].responses).toHaveLength(3);
    const respondent = await ingestion.gql(t.admin, `query($ws: ID!) { respondent(workspaceId: $ws, externalId: "cust-1") { id restricted } }`, { ws: t.workspaceId });
    expect(respondent.data!['respondent']).toEqual({ id: payload.responses[0].respondent.id, restricted: false });
  });

  test.each([
    ['an empty batch', (datasetId: string) => ({ datasetId, responses: [] }), 'BAD_USER_INPUT'],
    ['501 responses', (datasetId: string) => ({ datasetId, responses: Array.from({ length: 501 }, (_, i) => ({ externalId: `x-${i}`, text: 'ok', consentRef: 'c' })) }), 'BAD_USER_INPUT'],
    ['a bad email in the last response', (datasetId: string) => ({ datasetId, responses: [{ externalId: 'ok-1', text: 'ok', consentRef: 'c' }, { externalId: 'bad', email: 'nope@', text: 'ok', consentRef: 'c' }] }), 'BAD_USER_INPUT'],
    ['an unknown dataset', () => ({ datasetId: randomUUID(), responses: [{ externalId: 'ok-1', text: 'ok', consentRef: 'c' }] }), 'NOT_FOUND'],
  ])('refuses %s with a clear error and writes nothing', async (_, input, code) => {
    const t = newTenant();
    const datasetId = await newDataset(t.admin, t.workspaceId);
    const before = await stored(t);
    const r = await ingestion.gql(t.admin, ADD, { input: input(datasetId) });
    expect(codeOf(r)).toBe(code);
    expect(r.errors![0]!.message).not.toMatch(/nope@/);
    expect(await stored(t)).toEqual(before);
    expect(await ingestion.app.deps.datasets.findById(datasetId)).toMatchObject({ version: 0, responseCount: 0 });
  });

  test('refuses a dataset name that is blank', async () => {
    const t = newTenant();
    const r = await ingestion.gql(t.admin, CREATE_DATASET, { input: { workspaceId: t.workspaceId, name: '  ' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  test('refuses a member of another workspace on every query, mutation and entity reference', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t.admin, t.workspaceId);
    const added = await ingestion.gql(t.admin, ADD, { input: { datasetId, responses: [{ externalId: 'secret', text: 'Réponse privée.', consentRef: 'c' }] } });
    const response = added.data!['addResponses'].responses[0];
    const before = await stored(t);
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { name } ... on Response { consentRef } ... on Respondent { externalId } ... on Workspace { datasets { id } } } }`;
    const attempts = [
      ingestion.gql(t.outsider, CREATE_DATASET, { input: { workspaceId: t.workspaceId, name: 'intrus' } }),
      ingestion.gql(t.outsider, ADD, { input: { datasetId, responses: [{ externalId: 'x', text: 'ok', consentRef: 'c' }] } }),
      ingestion.gql(t.outsider, `query($id: ID!) { dataset(id: $id) { name } }`, { id: datasetId }),
      ingestion.gql(t.outsider, `query($ws: ID!) { respondent(workspaceId: $ws, externalId: "secret") { id } }`, { ws: t.workspaceId }),
      ingestion.gql(t.outsider, entities, { r: [{ __typename: 'Dataset', id: datasetId }] }),
      ingestion.gql(t.outsider, entities, { r: [{ __typename: 'Response', id: response.id }] }),
      ingestion.gql(t.outsider, entities, { r: [{ __typename: 'Respondent', id: response.respondent.id }] }),
      ingestion.gql(t.outsider, entities, { r: [{ __typename: 'Workspace', id: t.workspaceId }] }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? {})).not.toMatch(/Enquête|secret|Réponse/);
    }
    expect(await stored(t)).toEqual(before);
  });

  test('asks an anonymous caller to sign in', async () => {
    const r = await ingestion.gql(null, `query { dataset(id: "${randomUUID()}") { id } }`);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
  });

  test('lists a workspace\'s datasets through the Workspace entity', async () => {
    const t = newTenant();
    const ws = t.workspaceId;
    const owner = t.member;
    const a = await newDataset(owner, ws);
    const b = await newDataset(owner, ws);
    const r = await ingestion.gql(owner, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { datasets { id } } } }`, {
      r: [{ __typename: 'Workspace', id: ws }],
    });
    expect(r.data!['_entities'][0].datasets.map((d: any) => d.id).sort()).toEqual([a, b].sort());
  });
});
