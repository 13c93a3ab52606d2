import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { connectServiceDatabases } from '../support/databases.js';
import { codesOf, gql, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant } from '../support/tenant.js';
import { ADD_RESPONSES, DATASET_STATE, seedWorkspace } from './seeded-workspace.js';

const run = promisify(execFile);
const OBJECT = `mutation($input: ObjectionInput!) { requestObjection(input: $input) { id kind status objectionPurposes } }`;
const OVERRIDE = `mutation($input: OverridingGroundInput!) { recordOverridingGround(input: $input) { id kind objectionPurposes overridingGround { objectionRequestId purpose justification decidedAt } } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { id } }`;
const REQUEST = `query($id: ID!) { rightsRequest(id: $id) { id status } }`;
const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id } }`;
const INVITE = `mutation($input: InviteWorkspaceMemberInput!) { inviteWorkspaceMember(input: $input) { email } }`;
const GROUND = 'The client must keep analysing complaints about a safety defect under a product-recall obligation.';

/** A lower-case word no dictionary knows, so it survives anonymization and marks one respondent's text among every workspace's. */
const marker = () => Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');

const completed = (id: string, token: string) =>
  waitFor(async () => ((await ok(REQUEST, { id }, token)).rightsRequest.status === 'COMPLETED' ? true : undefined), { timeoutMs: 60_000, intervalMs: 100, what: `request ${id} completed` });

/** `pnpm --silent training-export` on the test stack's anonymizer database: the texts it writes. */
async function trainingExport(): Promise<Set<string>> {
  const { stdout, stderr } = await run('node_modules/.bin/tsx', ['services/anonymizer/src/training-export-cli.ts'], {
    env: { ...process.env, MONGO_URL: process.env['TEST_MONGO_URL_ANONYMIZER']! },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(stderr).toMatch(/^\d+ texts exported, \d+ left out/);
  return new Set(stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text));
}

const TRAINING_EXPORT = `query($after: String) { trainingExport(first: 500, after: $after) { examples { text language } leftOut cursor } }`;

/** The same export through the gateway, as platform staff read it: every page. */
async function graphTrainingExport(token: string): Promise<Set<string>> {
  const texts = new Set<string>();
  let after: string | null = null;
  do {
    const page: { examples: Array<{ text: string }>; cursor: string | null } = (await ok(TRAINING_EXPORT, { after }, token)).trainingExport;
    for (const e of page.examples) texts.add(e.text);
    after = page.cursor;
  } while (after);
  return texts;
}

describe('objection (Art. 21/22) through the gateway', () => {
  test("a respondent's objection keeps them out of new reports and of the training export until an ADMIN records an overriding ground for one purpose", async () => {
    const { owner, datasetId, people, respondentIds, responseIdsByRespondent } = await seedWorkspace(['Camille Besson', 'Jonas Weber', 'Inès Haddad']);
    const [objecting, restricted, other] = people.map((p) => respondentIds.get(p.externalId)!) as [string, string, string];
    const ids = (respondent: string) => responseIdsByRespondent.get(respondent)!;
    // The seeded texts read the same in every workspace once anonymized: one more response each, marked.
    const markers = people.map(() => marker());
    const extra = people.map((p, i) => ({ externalId: p.externalId, name: p.name, email: p.email, text: `Mon avis sur la gamme ${markers[i]} : trop chère pour ce qu'elle offre.`, consentRef: 'form-2026-9', submittedAt: '2026-10-15T10:00:00Z' }));
    for (const r of (await ok(ADD_RESPONSES, { input: { datasetId, responses: extra } }, owner.token)).addResponses.responses) ids(r.respondent.id).push(r.id);
    await waitFor(
      async () => {
        const d = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
        return d.anonymizedCount === 12 && d.analyzableCount === 12 ? true : undefined;
      },
      { timeoutMs: 60_000, what: '12 responses anonymized and in reporting' },
    );
    const [objectingMarker, restrictedMarker, otherMarker] = markers as [string, string, string];
    const hasMarker = (texts: Set<string>, m: string) => [...texts].some((t) => t.includes(m));

    const started = Date.now();
    const objection = (await ok(OBJECT, { input: { workspaceId: owner.workspaceId, respondentId: objecting, purposes: ['ML_IMPROVEMENT', 'ANALYSIS', 'ANALYSIS'] } }, owner.token)).requestObjection;
    expect(objection).toMatchObject({ kind: 'OBJECTION', objectionPurposes: ['ANALYSIS', 'ML_IMPROVEMENT'] });
    const restriction = (await ok(RESTRICT, { input: { workspaceId: owner.workspaceId, respondentId: restricted } }, owner.token)).requestRestriction;
    await completed(objection.id, owner.token);
    process.stdout.write(`objection (respondent): ${Date.now() - started} ms\n`);
    await completed(restriction.id, owner.token);

    const dbs = await connectServiceDatabases();
    const db = (service: string) => dbs.get(service)!.db!;
    const reportResponses = async (reportId: string) => ((await db('reporting').collection('reports').findOne({ _id: reportId as any }))!['responseIds'] as string[]).sort();
    const textsOf = async (respondent: string) => (await db('anonymizer').collection('anonymized_responses').find({ _id: { $in: ids(respondent) as any[] } }).toArray()).map((d) => d['text'] as string);
    try {
      // A new report leaves out the objecting and the restricted respondent.
      const first = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
      expect(await reportResponses(first.id)).toEqual([...ids(other)].sort());

      // The training export leaves out both, and keeps the third respondent's anonymized texts.
      expect((await textsOf(other)).some((t) => t.includes(otherMarker))).toBe(true);
      const exported = await trainingExport();
      expect([hasMarker(exported, objectingMarker), hasMarker(exported, restrictedMarker), hasMarker(exported, otherMarker)]).toEqual([false, false, true]);
      // Platform staff read the same export through the graph, and the read is audited.
      const staff = await createStaff('ml-engineer', ['PLATFORM_ADMIN']);
      const viaGraph = await graphTrainingExport(staff.token);
      expect([hasMarker(viaGraph, objectingMarker), hasMarker(viaGraph, restrictedMarker), hasMarker(viaGraph, otherMarker)]).toEqual([false, false, true]);
      const audited = await waitFor(async () => (await db('rights').collection('audit_log').findOne({ actorUserId: staff.userId, service: 'anonymizer' })) ?? undefined, { what: "the staff export's audit entry" });
      expect(audited['fields']).toEqual(['TrainingExample.text']);
      // Nobody else: a workspace ADMIN is refused, a page size out of bounds is bad input.
      expect(codesOf(await gql(TRAINING_EXPORT, {}, owner.token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await gql(`query { trainingExport(first: 0) { leftOut } }`, {}, staff.token))).toEqual(['BAD_USER_INPUT']);

      // An overriding ground needs a real justification and a purpose the objection named.
      expect(codesOf(await gql(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'ANALYSIS', justification: 'because' } }, owner.token))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await gql(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'AI_PROCESSING', justification: GROUND } }, owner.token))).toEqual(['BAD_USER_INPUT']);
      const stranger = await createTenant('objection-stranger');
      expect(codesOf(await gql(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'ANALYSIS', justification: GROUND } }, stranger.token))).toEqual(['FORBIDDEN']);

      const override = (await ok(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'ANALYSIS', justification: GROUND } }, owner.token)).recordOverridingGround;
      expect(override).toMatchObject({ kind: 'OBJECTION', objectionPurposes: ['ANALYSIS'], overridingGround: { objectionRequestId: objection.id, purpose: 'ANALYSIS', justification: GROUND } });
      await completed(override.id, owner.token);
      const stored = await db('rights').collection('requests').findOne({ _id: override.id as any });
      expect(stored!['overridingGround']).toMatchObject({ decidedBy: owner.userId, justification: GROUND, decidedAt: expect.any(Date) });

      // Analysis resumes for that respondent; the ML_IMPROVEMENT objection stands.
      const second = (await ok(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, owner.token)).generateReport;
      expect(await reportResponses(second.id)).toEqual([...ids(other), ...ids(objecting)].sort());
      const subject = await db('reporting').collection('subjects').findOne({ _id: `${owner.workspaceId}:${objecting}` as any });
      expect(subject!['objections']).toEqual([]);
      expect(hasMarker(await trainingExport(), objectingMarker)).toBe(false);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  });

  test("a user who objects to COMMUNICATION gets no invitation mail; only the platform's DPO can override their objection, and mails resume", async () => {
    const admin = await createTenant('objection-admin');
    const objecting = await createTenant('objection-user');
    const control = await createTenant('objection-control');
    const objection = (await ok(OBJECT, { input: { purposes: ['COMMUNICATION'] } }, objecting.token)).requestObjection;
    expect(objection.kind).toBe('OBJECTION');
    await completed(objection.id, objecting.token);

    // The inviter gets the same answer either way.
    expect((await ok(INVITE, { input: { workspaceId: admin.workspaceId, email: objecting.email, role: 'MEMBER' } }, admin.token)).inviteWorkspaceMember.email).toBe(objecting.email);
    expect((await ok(INVITE, { input: { workspaceId: admin.workspaceId, email: control.email, role: 'MEMBER' } }, admin.token)).inviteWorkspaceMember.email).toBe(control.email);
    const dbs = await connectServiceDatabases();
    try {
      const outbox = dbs.get('identity')!.db!.collection('mail_outbox');
      expect(await outbox.countDocuments({ to: control.email, templateId: 'workspace-invitation' })).toBe(1);
      expect(await outbox.countDocuments({ to: objecting.email, templateId: 'workspace-invitation' })).toBe(0);
      const user = await dbs.get('identity')!.db!.collection('users').findOne({ _id: objecting.userId as any });
      expect(user!['objections']).toEqual(['COMMUNICATION']);
    } finally {
      for (const c of dbs.values()) await c.close();
    }

    expect(codesOf(await gql(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'COMMUNICATION', justification: GROUND } }, objecting.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'COMMUNICATION', justification: GROUND } }, admin.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(OBJECT, { input: { purposes: [] } }, objecting.token))).toEqual(['BAD_USER_INPUT']);

    // The controller of users' data decides: its DPO records the ground; identity mails the user again.
    const dpo = await createStaff('objection-dpo', ['DPO']);
    const override = (await ok(OVERRIDE, { input: { objectionRequestId: objection.id, purpose: 'COMMUNICATION', justification: GROUND } }, dpo.token)).recordOverridingGround;
    expect(override).toMatchObject({ kind: 'OBJECTION', objectionPurposes: ['COMMUNICATION'], overridingGround: { purpose: 'COMMUNICATION', justification: GROUND } });
    await completed(override.id, dpo.token);
    // The user follows what was decided about them.
    expect((await ok(REQUEST, { id: override.id }, objecting.token)).rightsRequest.status).toBe('COMPLETED');
    const again = await connectServiceDatabases();
    try {
      const identity = again.get('identity')!.db!;
      expect((await identity.collection('users').findOne({ _id: objecting.userId as any }))!['objections']).toEqual([]);
      const stored = await again.get('rights')!.db!.collection('requests').findOne({ _id: override.id as any });
      expect(stored).toMatchObject({ subjectType: 'USER', subjectId: objecting.userId, requestedBy: dpo.userId, overridingGround: { decidedBy: dpo.userId } });
      const second = await createTenant('objection-admin-2');
      await ok(INVITE, { input: { workspaceId: second.workspaceId, email: objecting.email, role: 'MEMBER' } }, second.token);
      expect(await identity.collection('mail_outbox').countDocuments({ to: objecting.email, templateId: 'workspace-invitation' })).toBe(1);
    } finally {
      for (const c of again.values()) await c.close();
    }
  });
});
