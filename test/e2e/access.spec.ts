import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { connectServiceDatabases } from '../support/databases.js';
import { createTenant } from '../support/tenant.js';
import { seedWorkspace } from './seeded-workspace.js';

const REQUEST_ACCESS = `mutation($input: RightsRequestInput!) { requestAccess(input: $input) { id kind status subjectType } }`;
const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id } }`;
const ANSWER = `query($id: ID!) {
  accessAnswer(requestId: $id) {
    complete pendingServices
    request { id status acknowledgements { service outcome counts { collection action count } } }
    information {
      controller dpoContact automatedDecisionMaking aiReportLogic rights transferSafeguards
      purposes { purpose description legalBases categories }
      categories { category description retention sources heldBy }
      recipients { name role country safeguard }
      supervisoryAuthority { name address phone website }
    }
    sections { service receivedAt collections { collection documents } }
  }
}`;

interface Answer {
  complete: boolean;
  request: { status: string; acknowledgements: Array<{ service: string; counts: Array<{ collection: string; action: string; count: number }> }> };
  information: any;
  sections: Array<{ service: string; collections: Array<{ collection: string; documents: string[] }> }>;
}

/** Opens nothing: waits until every holder acknowledged and every section is in, then returns the answer. */
async function completeAnswer(id: string, token: string): Promise<Answer> {
  return waitFor(
    async () => {
      const a = (await ok<{ accessAnswer: Answer }>(ANSWER, { id }, token)).accessAnswer;
      return a.complete && a.request.status === 'COMPLETED' ? a : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `access request ${id} answered by every holder` },
  );
}

/** The documents of one collection of one section, parsed. */
const documents = (answer: Answer, service: string, collection: string): any[] =>
  (answer.sections.find((s) => s.service === service)?.collections.find((c) => c.collection === collection)?.documents ?? []).map((d) => JSON.parse(d));

describe('access (Art. 15) through the gateway', () => {
  test("a respondent's access answer holds everything every database stores about them, the Art. 15 information, and nothing about anyone else", async () => {
    const { owner, datasetId, people, respondentIds, responseIdsByRespondent } = await seedWorkspace(['Aurélie Fontaine', 'Oliver Bennett', 'Sophie Marchetti']);
    await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token);
    const [subject, ...others] = people;
    const respondentId = respondentIds.get(subject!.externalId)!;
    const started = Date.now();
    const opened = (await ok(REQUEST_ACCESS, { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestAccess;
    expect(opened).toMatchObject({ kind: 'ACCESS', subjectType: 'RESPONDENT' });
    const answer = await completeAnswer(opened.id, owner.token);
    process.stdout.write(`access (respondent): ${Date.now() - started} ms\n`);

    const dbs = await connectServiceDatabases();
    try {
      const db = (service: string) => dbs.get(service)!.db!;
      const respondent = await db('ingestion').collection('respondents').findOne({ _id: respondentId as any });
      const responses = await db('ingestion').collection('responses').find({ respondentId }).toArray();
      const responseIds = responseIdsByRespondent.get(respondentId)!;
      expect(responses.map((r) => r['_id']).sort()).toEqual([...responseIds].sort());

      // ingestion: the respondent record and every raw response, with its text.
      expect(documents(answer, 'ingestion', 'respondents')).toEqual([
        { _id: respondentId, externalId: subject!.externalId, email: subject!.email, name: subject!.name, restricted: false, createdAt: respondent!['createdAt'].toISOString() },
      ]);
      const raw = documents(answer, 'ingestion', 'responses');
      expect(raw.map((r) => [r._id, r.text, r.consentRef]).sort()).toEqual(responses.map((r) => [r['_id'], r['text'], r['consentRef']]).sort());
      // anonymizer and reporting: the same responses, as anonymized texts; reports: only their quotes.
      const anonymized = await db('anonymizer').collection('anonymized_responses').find({ _id: { $in: responseIds as any[] } }).toArray();
      expect(documents(answer, 'anonymizer', 'anonymized_responses').map((d) => [d._id, d.text, d.pseudonym]).sort()).toEqual(anonymized.map((d) => [d['_id'], d['text'], d['pseudonym']]).sort());
      const corpus = await db('reporting').collection('corpus').find({ respondentId }).toArray();
      expect(documents(answer, 'reporting', 'corpus').map((d) => [d._id, d.text]).sort()).toEqual(corpus.map((d) => [d['_id'], d['text']]).sort());
      const [report] = documents(answer, 'reporting', 'reports');
      expect(report.responseIds.every((id: string) => responseIds.includes(id))).toBe(true);
      expect(report.content.themes.quotes.every((q: { responseId: string }) => responseIds.includes(q.responseId))).toBe(true);
      // rights: the request itself.
      expect(documents(answer, 'rights', 'requests').map((r) => r.kind)).toContain('ACCESS');
      // Every holder acknowledged with what it exported.
      expect(answer.request.acknowledgements.find((a) => a.service === 'ingestion')!.counts).toEqual(
        expect.arrayContaining([{ collection: 'responses', action: 'EXPORTED', count: responseIds.length }]),
      );
    } finally {
      for (const c of dbs.values()) await c.close();
    }

    // Nothing about the other respondents, nor about the ADMIN who asked.
    const json = JSON.stringify(answer.sections).toLowerCase();
    for (const other of others) {
      for (const needle of [other.externalId, other.email, other.name.toLowerCase(), respondentIds.get(other.externalId)!]) expect(json).not.toContain(needle.toLowerCase());
      for (const id of responseIdsByRespondent.get(respondentIds.get(other.externalId)!)!) expect(json).not.toContain(id);
    }
    expect(json).not.toContain(owner.userId);

    // The information part, generated from the data map.
    const info = answer.information;
    expect(info.supervisoryAuthority).toMatchObject({ name: expect.stringContaining('CNIL'), website: 'https://www.cnil.fr/fr/plaintes' });
    expect(info.purposes.map((p: { purpose: string }) => p.purpose)).toEqual(expect.arrayContaining(['ANALYSIS', 'AI_PROCESSING', 'LEGAL_COMPLIANCE']));
    expect(info.categories.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['IDENTIFICATION', 'QUALITATIVE_CUSTOMER_DATA', 'CONSENT_PROOF']));
    expect(info.categories.find((c: { category: string }) => c.category === 'IDENTIFICATION').sources).toEqual(expect.arrayContaining([expect.stringMatching(/given by the client/i)]));
    expect(info.recipients.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['OpenAI Ireland Ltd', 'Mistral AI SAS']));
    expect(info.aiReportLogic).toMatch(/anonymized/);
    expect(info.rights.join(' ')).toMatch(/Art\. 16.*Art\. 17.*Art\. 18.*Art\. 21/s);
  });

  test("a user's access answer, from their own session: their account, their memberships and nothing of the other members", async () => {
    const admin = await createTenant('access-admin');
    const member = await createTenant('access-member');
    await ok(`mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id } }`, { input: { workspaceId: admin.workspaceId, email: member.email, role: 'MEMBER' } }, admin.token);
    const started = Date.now();
    const opened = (await ok(REQUEST_ACCESS, { input: {} }, member.token)).requestAccess;
    expect(opened.subjectType).toBe('USER');
    const answer = await completeAnswer(opened.id, member.token);
    process.stdout.write(`access (user): ${Date.now() - started} ms\n`);

    const [user] = documents(answer, 'identity', 'users');
    expect(user).toMatchObject({ _id: member.userId, firstName: 'access-member', email: member.email, restricted: false });
    expect(user.passwordHash).toMatch(/not disclosed/);
    expect(user.passwordHash).not.toMatch(/argon2id\$/);
    expect(documents(answer, 'identity', 'workspaces').map((w) => w.members.role).sort()).toEqual(['ADMIN', 'MEMBER']);
    const json = JSON.stringify(answer.sections);
    expect(json).not.toContain(admin.userId);
    expect(json).not.toContain(admin.email);
    expect(answer.information.categories.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['IDENTIFICATION', 'AUTHENTICATION', 'ACCOUNT']));
    expect(answer.information.categories.map((c: { category: string }) => c.category)).not.toContain('QUALITATIVE_CUSTOMER_DATA');

    // Another user can read neither the request nor its answer.
    expect(codesOf(await gql(ANSWER, { id: opened.id }, admin.token))).toEqual(['NOT_FOUND']);
  });

  test('an access answer is only for access requests, and a malformed id is refused', async () => {
    const tenant = await createTenant('access-bad');
    // A rectification, not a restriction: restricting oneself ends one's sessions (identity revokes the
    // token within milliseconds), which would race the next two reads.
    const rectification = (await ok(`mutation { requestRectification(input: { firstName: "Odile" }) { id } }`, {}, tenant.token)).requestRectification;
    expect(codesOf(await gql(ANSWER, { id: rectification.id }, tenant.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(ANSWER, { id: 'not-a-uuid' }, tenant.token))).toEqual(['BAD_USER_INPUT']);
  });
});
