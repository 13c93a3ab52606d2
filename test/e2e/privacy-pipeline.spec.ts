import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HOLDERS } from '@verbatim/contracts';
import type { Connection } from 'mongoose';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { connectServiceDatabases, findMentions } from '../support/databases.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const ADD_RESPONSES = `mutation($input: AddResponsesInput!) {
  addResponses(input: $input) { dataset { id version responseCount } responses { id pipelineState respondent { id externalId } } }
}`;
const DATASET_STATE = `query($id: ID!) {
  dataset(id: $id) { id responseCount anonymizedCount analyzableCount responses(first: 100) { id pipelineState respondent { id } anonymization { text entities { type count } } } }
}`;
const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id backend responseCount responseIds datasetVersion markdown themes { label count quotes } } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { id kind status durationMs expectedServices acknowledgements { service outcome counts { collection action count } } } }`;
const requestMutation = (name: string) => `mutation($input: RightsRequestInput!) { ${name}(input: $input) { id status dueAt } }`;

const people = [
  { externalId: 'cust-001', name: 'Camille Durand', email: 'camille.durand@exemple.fr' },
  { externalId: 'cust-002', name: 'Oliver Bennett', email: 'oliver.bennett@example.co.uk' },
  { externalId: 'cust-003', name: 'Léa Fontaine', email: 'lea.fontaine@exemple.fr' },
];
const texts = [
  (p: (typeof people)[number]) => `Bonjour, ici ${p.name}. La livraison a pris trois semaines et personne ne répondait au service client. Écrivez-moi à ${p.email}.`,
  (p: (typeof people)[number]) => `My name is ${p.name}; the delivery was late again and support never answered my emails (${p.email}). Prices are fine though.`,
  (p: (typeof people)[number]) => `${p.name} here: the mobile app crashes every time I open my order history. Contact ${p.email} or call 06 12 34 56 78.`,
];

async function waitForRequest(id: string, token: string) {
  return waitFor(
    async () => {
      const r = await ok<{ rightsRequest: any }>(RIGHTS, { id }, token);
      return r.rightsRequest.status === 'COMPLETED' ? r.rightsRequest : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `rights request ${id} to complete` },
  );
}

describe('a workspace through the gateway: ingestion, anonymization, reports, erasure and restriction', () => {
  let owner: Tenant;
  let stranger: Tenant;
  let datasetId: string;
  let conns: Map<string, Connection>;
  const respondentIds = new Map<string, string>();
  const responseIdsByRespondent = new Map<string, string[]>();

  beforeAll(async () => {
    conns = await connectServiceDatabases();
    owner = await createTenant('owner');
    stranger = await createTenant('stranger');
    datasetId = (await ok(CREATE_DATASET, { input: { workspaceId: owner.workspaceId, name: 'Q3 satisfaction survey' } }, owner.token)).createDataset.id;
    const responses = people.flatMap((p) => texts.map((t, i) => ({ externalId: p.externalId, name: p.name, email: p.email, text: t(p), consentRef: `form-2026-${i}`, submittedAt: `2026-0${i + 7}-15T10:00:00Z` })));
    const added = await ok(ADD_RESPONSES, { input: { datasetId, responses } }, owner.token);
    expect(added.addResponses.responses).toHaveLength(9);
    for (const r of added.addResponses.responses) {
      respondentIds.set(r.respondent.externalId, r.respondent.id);
      responseIdsByRespondent.set(r.respondent.id, [...(responseIdsByRespondent.get(r.respondent.id) ?? []), r.id]);
    }
  });

  afterAll(async () => {
    for (const conn of conns?.values() ?? []) await conn.close();
  });

  test('every response is anonymized: the stored text keeps the feedback but neither the respondent’s name nor email', async () => {
    const state = await waitFor(
      async () => {
        const d = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
        return d.anonymizedCount === 9 ? d : undefined;
      },
      { timeoutMs: 60_000, what: 'nine anonymized responses' },
    );
    for (const r of state.responses) {
      const text: string = r.anonymization.text;
      for (const p of people) {
        expect(text.toLowerCase()).not.toContain(p.email);
        expect(text.toLowerCase()).not.toContain(p.name.toLowerCase());
        expect(text).not.toContain(p.name.split(' ')[1]!);
      }
      expect(text).not.toMatch(/06 12 34 56 78/);
      expect(r.anonymization.entities.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PERSON', 'EMAIL']));
    }
    expect(state.responses.map((r: any) => r.anonymization.text).join(' ')).toMatch(/livraison|delivery/);
  });

  test('a report is built from the anonymized texts only, through the gateway', async () => {
    await waitFor(async () => (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.analyzableCount === 9, { what: 'corpus in reporting' });
    const report = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    expect(report.backend).toBe('EMBEDDED');
    expect(report.responseCount).toBe(9);
    expect(report.responseIds).toHaveLength(9);
    expect(report.themes.length).toBeGreaterThan(0);
    for (const p of people) expect(report.markdown.toLowerCase()).not.toContain(p.email);
  });

  test('a user of another workspace is refused everything about this one', async () => {
    const attempts = [
      gql(DATASET_STATE, { id: datasetId }, stranger.token),
      gql(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: 'x', text: 'intrusion', consentRef: 'none' }] } }, stranger.token),
      gql(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, stranger.token),
      gql(`query($id: ID!) { workspace(id: $id) { id name } }`, { id: owner.workspaceId }, stranger.token),
      gql(requestMutation('requestErasure'), { input: { workspaceId: owner.workspaceId, respondentId: respondentIds.get('cust-001') } }, stranger.token),
      gql(`query($w: ID!, $e: String!) { respondent(workspaceId: $w, externalId: $e) { id } }`, { w: owner.workspaceId, e: 'cust-001' }, stranger.token),
      gql(`query($w: ID!, $t: String!) { anonymizationPreview(workspaceId: $w, text: $t) { text } }`, { w: owner.workspaceId, t: 'hello' }, stranger.token),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.data?.['dataset' as never] ?? null).toBeNull();
      expect(codesOf(result).length).toBeGreaterThan(0);
      expect(codesOf(result).every((c) => c === 'FORBIDDEN' || c === 'NOT_FOUND' || c === 'BAD_USER_INPUT')).toBe(true);
    }
    const anonymous = await gql(DATASET_STATE, { id: datasetId });
    expect(codesOf(anonymous)).toContain('UNAUTHENTICATED');
  });

  test('erasure of a respondent reaches every holder, completes with an acknowledgement from each, and leaves no trace in any database', async () => {
    const camille = people[0]!;
    const respondentId = respondentIds.get(camille.externalId)!;
    const started = Date.now();
    const opened = (await ok(requestMutation('requestErasure'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestErasure;
    expect(opened.status).toBe('IN_PROGRESS');
    const done = await waitForRequest(opened.id, owner.token);
    console.log(`erasure: request to COMPLETED in ${Date.now() - started} ms (durationMs reported: ${done.durationMs})`);
    const services = done.acknowledgements.map((a: { service: string }) => a.service).sort();
    expect(services).toEqual([...HOLDERS].sort());
    expect([...done.expectedServices].sort()).toEqual(services);
    const deleted = (service: string) =>
      done.acknowledgements.find((a: any) => a.service === service).counts.filter((c: any) => c.action === 'DELETED').reduce((n: number, c: any) => n + c.count, 0);
    expect(deleted('ingestion')).toBe(4); // three responses and the respondent
    expect(deleted('anonymizer')).toBeGreaterThanOrEqual(3);
    expect(deleted('reporting')).toBeGreaterThanOrEqual(3);

    const hits = await findMentions(conns, [respondentId, camille.email, camille.name, 'durand']);
    expect(hits).toEqual([]);
    for (const id of responseIdsByRespondent.get(respondentId)!) expect(await findMentions(conns, [id])).toEqual([]);

    const after = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
    expect(after.responseCount).toBe(6);
  });

  test('while a respondent is restricted their new responses are stored but not analysed, and lifting the restriction resumes them', async () => {
    const oliver = people[1]!;
    const respondentId = respondentIds.get(oliver.externalId)!;
    const restricted = (await ok(requestMutation('requestRestriction'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestRestriction;
    await waitForRequest(restricted.id, owner.token);

    const added = await ok(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: oliver.externalId, name: oliver.name, email: oliver.email, text: `Still waiting for a refund, ${oliver.name}.`, consentRef: 'form-2026-9' }] } }, owner.token);
    const held = added.addResponses.responses[0];
    expect(held.pipelineState).toBe('HELD');

    const report = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    const oliverResponses = responseIdsByRespondent.get(respondentId)!;
    expect(report.responseIds.filter((id: string) => oliverResponses.includes(id))).toEqual([]);
    expect(report.responseCount).toBe(3);
    const stateWhileRestricted = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
    expect(stateWhileRestricted.responses.find((r: any) => r.id === held.id).anonymization).toBeNull();

    const lifted = (await ok(requestMutation('liftRestriction'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).liftRestriction;
    await waitForRequest(lifted.id, owner.token);
    await waitFor(
      async () => (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.responses.find((r: any) => r.id === held.id).anonymization,
      { what: 'the held response to be anonymized after lifting' },
    );
    await waitFor(async () => (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.analyzableCount === 7, { what: 'reporting to include the respondent again' });
    const resumed = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    expect(resumed.responseIds).toEqual(expect.arrayContaining([...oliverResponses, held.id]));
  });

  test('bad input gets a clear error with a stable code and stores nothing', async () => {
    const before = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.responseCount;
    const bad = await gql(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: 'ok', text: 'fine', consentRef: 'c' }, { externalId: '', text: '', consentRef: 'c', email: 'not-an-email' }] } }, owner.token);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad)).not.toMatch(/at .*\.ts:\d+/);
    expect((await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.responseCount).toBe(before);
    const deep = `{ __schema { types { fields { type ${'{ ofType '.repeat(12)}{ name }${' }'.repeat(12)} } } } }`;
    const tooDeep = await gql(deep, {}, owner.token);
    expect(codesOf(tooDeep)).toEqual(['QUERY_TOO_DEEP']);
    expect(tooDeep.data ?? null).toBeNull();
  });
});
