import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { connectServiceDatabases, findMentions } from '../support/databases.js';
import { createTenant } from '../support/tenant.js';
import { ADD_RESPONSES, DATASET_STATE, seedWorkspace } from './seeded-workspace.js';

const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id backend responseCount responseIds datasetVersion markdown themes { label count quotes } } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { id kind status durationMs expectedServices acknowledgements { service outcome counts { collection action count } } } }`;
const requestMutation = (name: string) => `mutation($input: RightsRequestInput!) { ${name}(input: $input) { id status dueAt } }`;

async function waitForRequest(id: string, token: string) {
  return waitFor(
    async () => {
      const r = await ok<{ rightsRequest: any }>(RIGHTS, { id }, token);
      return r.rightsRequest.status === 'COMPLETED' ? r.rightsRequest : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `rights request ${id} to complete` },
  );
}

// Each test seeds its own workspace (its own people too), so the tests pass in any order.
describe('a workspace through the gateway: ingestion, anonymization, reports, erasure and restriction', () => {
  test('every response is anonymized: the stored text keeps the feedback but neither the respondent’s name nor email', async () => {
    const { owner, datasetId, people } = await seedWorkspace(['Amandine Roussel', 'George Whitaker', 'Inès Marchand']);
    const state = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
    expect(state.responses).toHaveLength(9);
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
    const { owner, datasetId, people } = await seedWorkspace(['Bastien Lemaire', 'Harriet Collins', 'Juliette Perrin']);
    const report = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    expect(report.backend).toBe('EMBEDDED');
    expect(report.responseCount).toBe(9);
    expect(report.responseIds).toHaveLength(9);
    expect(report.themes.length).toBeGreaterThan(0);
    for (const p of people) expect(report.markdown.toLowerCase()).not.toContain(p.email);
  });

  test('a user of another workspace is refused everything about this one', async () => {
    const { owner, datasetId, people, respondentIds } = await seedWorkspace(['Clémence Girard', 'Edward Hughes', 'Manon Leclerc']);
    const stranger = await createTenant('stranger');
    const first = people[0]!.externalId;
    const attempts = [
      gql(DATASET_STATE, { id: datasetId }, stranger.token),
      gql(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: 'x', text: 'intrusion', consentRef: 'none' }] } }, stranger.token),
      gql(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, stranger.token),
      gql(`query($id: ID!) { workspace(id: $id) { id name } }`, { id: owner.workspaceId }, stranger.token),
      gql(requestMutation('requestErasure'), { input: { workspaceId: owner.workspaceId, respondentId: respondentIds.get(first) } }, stranger.token),
      gql(`query($w: ID!, $e: String!) { respondent(workspaceId: $w, externalId: $e) { id } }`, { w: owner.workspaceId, e: first }, stranger.token),
      gql(`query($w: ID!, $t: String!) { anonymizationPreview(workspaceId: $w, text: $t) { text } }`, { w: owner.workspaceId, t: 'hello' }, stranger.token),
    ];
    for (const result of await Promise.all(attempts)) {
      // Whatever the operation, nothing of the workspace comes back: every root field is null.
      expect(Object.values(result.data ?? {}).filter((value) => value !== null)).toEqual([]);
      expect(codesOf(result).length).toBeGreaterThan(0);
      expect(codesOf(result).every((c) => c === 'FORBIDDEN' || c === 'NOT_FOUND' || c === 'BAD_USER_INPUT')).toBe(true);
    }
    const anonymous = await gql(DATASET_STATE, { id: datasetId });
    expect(codesOf(anonymous)).toContain('UNAUTHENTICATED');
  });

  test('erasure of a respondent reaches every holder, completes with an acknowledgement from each, and leaves no trace in any database', async () => {
    const { owner, datasetId, people, respondentIds, responseIdsByRespondent } = await seedWorkspace(['Camille Durand', 'Oliver Bennett', 'Léa Fontaine']);
    const conns = await connectServiceDatabases();
    try {
      const camille = people[0]!;
      const respondentId = respondentIds.get(camille.externalId)!;
      const started = Date.now();
      const opened = (await ok(requestMutation('requestErasure'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestErasure;
      expect(opened.status).toBe('IN_PROGRESS');
      const done = await waitForRequest(opened.id, owner.token);
      console.log(`erasure: request to COMPLETED in ${Date.now() - started} ms (durationMs reported: ${done.durationMs})`);
      const services = done.acknowledgements.map((a: { service: string }) => a.service).sort();
      expect(services).toEqual(['anonymizer', 'consent', 'identity', 'ingestion', 'reporting']);
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
    } finally {
      for (const conn of conns.values()) await conn.close();
    }
  });

  test('while a respondent is restricted their new responses are stored but not analysed, and lifting the restriction resumes them', async () => {
    const { owner, datasetId, people, respondentIds, responseIdsByRespondent } = await seedWorkspace(['Damien Moreau', 'Oscar Pemberton', 'Noémie Caron']);
    const restrictedPerson = people[1]!;
    const respondentId = respondentIds.get(restrictedPerson.externalId)!;
    const restricted = (await ok(requestMutation('requestRestriction'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestRestriction;
    await waitForRequest(restricted.id, owner.token);

    const added = await ok(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: restrictedPerson.externalId, name: restrictedPerson.name, email: restrictedPerson.email, text: `Still waiting for a refund, ${restrictedPerson.name}.`, consentRef: 'form-2026-9' }] } }, owner.token);
    const held = added.addResponses.responses[0];
    expect(held.pipelineState).toBe('HELD');

    const report = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    const restrictedResponses = responseIdsByRespondent.get(respondentId)!;
    expect(report.responseIds.filter((id: string) => restrictedResponses.includes(id))).toEqual([]);
    expect(report.responseCount).toBe(6);
    const stateWhileRestricted = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
    expect(stateWhileRestricted.responses.find((r: any) => r.id === held.id).anonymization).toBeNull();

    const lifted = (await ok(requestMutation('liftRestriction'), { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).liftRestriction;
    await waitForRequest(lifted.id, owner.token);
    await waitFor(
      async () => (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.responses.find((r: any) => r.id === held.id).anonymization,
      { what: 'the held response to be anonymized after lifting' },
    );
    await waitFor(async () => (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset.analyzableCount === 10, { what: 'reporting to include the respondent again' });
    const resumed = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
    expect(resumed.responseIds).toEqual(expect.arrayContaining([...restrictedResponses, held.id]));
  });

  test('bad input gets a clear error with a stable code and stores nothing', async () => {
    const { owner, datasetId } = await seedWorkspace(['Élodie Renard', 'Thomas Fletcher', 'Sarah Lambert']);
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
