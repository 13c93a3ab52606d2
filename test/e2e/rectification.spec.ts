import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { connectServiceDatabases, findMentions } from '../support/databases.js';
import { createTenant } from '../support/tenant.js';
import { seedWorkspace } from './seeded-workspace.js';

const RECTIFY = `mutation($input: RectificationInput!) { requestRectification(input: $input) { id kind status } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { id status acknowledgements { service counts { collection action count } } } }`;
const ACCESS = `mutation($input: RightsRequestInput!) { requestAccess(input: $input) { id } }`;
const ANSWER = `query($id: ID!) { accessAnswer(requestId: $id) { complete sections { service collections { collection documents } } } }`;
const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id } }`;

async function completed(id: string, token: string): Promise<any> {
  return waitFor(
    async () => {
      const r = (await ok(RIGHTS, { id }, token)).rightsRequest;
      return r.status === 'COMPLETED' ? r : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `rights request ${id} to complete` },
  );
}

describe('rectification (Art. 16) through the gateway', () => {
  test("a respondent's corrected name, email and external id reach every holder: texts re-anonymized, quotes taken out, the old values nowhere, the statement in later access answers", async () => {
    const { owner, datasetId, people, respondentIds, responseIdsByRespondent } = await seedWorkspace(['Gwendoline Castaing', 'Theodore Ashcombe', 'Maëlle Kervella']);
    await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token);
    const old = people[0]!;
    const respondentId = respondentIds.get(old.externalId)!;
    const responseIds = responseIdsByRespondent.get(respondentId)!;
    const quotesOf = (report: any) => (report.content.themes as Array<{ quotes: Array<{ responseId: string }> }>).flatMap((t) => t.quotes);
    const before = await connectServiceDatabases();
    const reportBefore = await before.get('reporting')!.db!.collection('reports').findOne({ datasetId });
    for (const c of before.values()) await c.close();
    const quotedBefore = quotesOf(reportBefore).some((q) => responseIds.includes(q.responseId));
    const corrected = { name: 'Gwendoline Marchal', email: `g.marchal.${old.externalId}@exemple.fr`, externalId: `${old.externalId}-corrected` };
    const started = new Date();
    const opened = (await ok(RECTIFY, { input: { workspaceId: owner.workspaceId, respondentId, ...corrected, statement: 'I married in 2026 and use my new name.' } }, owner.token)).requestRectification;
    expect(opened.kind).toBe('RECTIFICATION');
    const done = await completed(opened.id, owner.token);
    expect(done.acknowledgements.find((a: any) => a.service === 'ingestion').counts).toEqual([
      { collection: 'respondents', action: 'UPDATED', count: 1 },
      { collection: 'responses', action: 'UPDATED', count: responseIds.length },
    ]);
    expect(done.acknowledgements.find((a: any) => a.service === 'reporting').counts).toEqual([{ collection: 'reports', action: 'REGENERATED', count: quotedBefore ? 1 : 0 }]);

    const dbs = await connectServiceDatabases();
    try {
      const db = (service: string) => dbs.get(service)!.db!;
      // Re-anonymized with the corrected identity, then in reporting's corpus.
      await waitFor(
        async () => {
          const anonymized = await db('anonymizer').collection('anonymized_responses').find({ _id: { $in: responseIds as any[] } }).toArray();
          const corpus = await db('reporting').collection('corpus').find({ _id: { $in: responseIds as any[] } }).toArray();
          const fresh = anonymized.filter((a) => a['anonymizedAt'] >= started);
          return fresh.length === responseIds.length && corpus.every((c) => fresh.some((a) => a['_id'] === c['_id'] && a['text'] === c['text']));
        },
        { timeoutMs: 60_000, what: 'the rectified texts re-anonymized and in reporting' },
      );
      process.stdout.write(`rectification (respondent, to re-anonymized corpus): ${Date.now() - started.getTime()} ms\n`);
      expect(await db('ingestion').collection('respondents').findOne({ _id: respondentId as any })).toMatchObject(corrected);
      const texts = (await db('ingestion').collection('responses').find({ respondentId }).toArray()).map((r) => r['text'] as string);
      expect(texts.every((t) => t.includes(corrected.name) && t.includes(corrected.email))).toBe(true);
      const report = await db('reporting').collection('reports').findOne({ datasetId });
      expect(quotesOf(report).filter((q) => responseIds.includes(q.responseId))).toEqual([]);
      expect(quotesOf(report).length).toBe(quotesOf(reportBefore).filter((q) => !responseIds.includes(q.responseId)).length);
      expect((report!['content'].notes ?? []).some((n: string) => /corrected their data/.test(n))).toBe(quotedBefore);
      // The old values are nowhere in any database.
      expect(await findMentions(dbs, [old.name, old.email, `"${old.externalId}"`])).toEqual([]);
    } finally {
      for (const c of dbs.values()) await c.close();
    }

    // A later access answer shows the corrected values and the supplementary statement.
    const access = (await ok(ACCESS, { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestAccess;
    const answer = await waitFor(async () => {
      const a = (await ok(ANSWER, { id: access.id }, owner.token)).accessAnswer;
      return a.complete ? a : undefined;
    }, { timeoutMs: 60_000, what: 'the access answer' });
    const section = (service: string, collection: string) =>
      answer.sections.find((s: any) => s.service === service).collections.find((c: any) => c.collection === collection).documents.map((d: string) => JSON.parse(d));
    expect(section('ingestion', 'respondents')[0]).toMatchObject(corrected);
    expect(section('rights', 'requests').find((r: any) => r.kind === 'RECTIFICATION').statement).toBe('I married in 2026 and use my new name.');
  });

  test('a user corrects their first name from their own session; every view of it changes', async () => {
    const admin = await createTenant('rectify-admin');
    const member = await createTenant('rectify-member');
    await ok(`mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id } }`, { input: { workspaceId: admin.workspaceId, email: member.email, role: 'MEMBER' } }, admin.token);
    const started = Date.now();
    const opened = (await ok(RECTIFY, { input: { firstName: 'Clotilde' } }, member.token)).requestRectification;
    const done = await completed(opened.id, member.token);
    process.stdout.write(`rectification (user): ${Date.now() - started} ms\n`);
    expect(done.acknowledgements.find((a: any) => a.service === 'identity').counts).toEqual([{ collection: 'users', action: 'UPDATED', count: 1 }]);
    expect((await ok(`{ me { firstName } }`, {}, member.token)).me.firstName).toBe('Clotilde');
    const members = (await ok(`query($id: ID!) { workspace(id: $id) { members { userId firstName } } }`, { id: admin.workspaceId }, admin.token)).workspace.members;
    expect(members.find((m: any) => m.userId === member.userId).firstName).toBe('Clotilde');
  });

  test('a malformed or misplaced correction is refused with BAD_USER_INPUT and opens nothing', async () => {
    const { owner, respondentIds } = await seedWorkspace(['Léandre Vasseur', 'Prudence Hale', 'Océane Ribot']);
    const respondentId = [...respondentIds.values()][0]!;
    const attempts = [
      { workspaceId: owner.workspaceId, respondentId, firstName: 'Nope' },
      { workspaceId: owner.workspaceId, respondentId, email: 'not an email' },
      { workspaceId: owner.workspaceId, respondentId },
      { name: 'A user has no name field' },
      { firstName: '   ' },
    ];
    for (const input of attempts) expect(codesOf(await gql(RECTIFY, { input }, owner.token))).toEqual(['BAD_USER_INPUT']);
    expect((await ok(`query($id: ID!) { workspace(id: $id) { rightsRequests { id } } }`, { id: owner.workspaceId }, owner.token)).workspace.rightsRequests).toEqual([]);
  });
});
