import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RESPONSE_ANONYMIZED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED } from '@verbatim/contracts';
import type { Principal } from '@verbatim/kit';
import { newTenant, startTestService, waitFor, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createReporting, type Reporting } from '../src/app.js';
import { storeAnonymizedResponse } from '../src/domain/corpus.js';
import { analyzableCount } from '../src/domain/reports.js';
import { subjectKey } from '../src/model/subject.repository.js';
import { escapeHtml, escapeMarkdown } from '../src/render/index.js';
import { createReportingServer } from '../src/server.js';
import { FIXTURE, FIXTURE_LANGUAGES } from './fixtures/verbatims.js';

let reporting: TestService<Reporting>;
/** Plays rights: reads reporting's acknowledgements. */
let acks: EventObserver;
const deps = () => reporting.app.deps;
const gql = (principal: Principal | null, query: string, variables: Record<string, unknown> = {}) => reporting.gql(principal, query, variables);

beforeAll(async () => {
  const config = { LLM_TIMEOUT_MS: 1000, LLM_TOKEN_BUDGET: 1000, SUBPROCESSORS_EXTRA: [], MAX_QUERY_DEPTH: 12 };
  reporting = await startTestService('reporting', (base) => createReporting({ ...base, config }));
  acks = await reporting.observe([RIGHTS_ACKNOWLEDGED]);
});

afterAll(async () => {
  await reporting?.stop();
});

// 30 responses from 25 respondents: the first five respondents answered twice.
const RESPONSES = 30;

interface Seeded {
  t: TestTenant;
  datasetId: string;
  respondents: string[];
  responses: Array<{ responseId: string; text: string; language: 'fr' | 'en'; respondentId: string; datasetVersion: number; submittedAt: string }>;
  responsesOf(respondentId: string): string[];
}

function anonymized(t: TestTenant, datasetId: string, r: Seeded['responses'][number]) {
  return {
    responseId: r.responseId,
    workspaceId: t.workspaceId,
    datasetId,
    datasetVersion: r.datasetVersion,
    respondentId: r.respondentId,
    pseudonym: `R-${r.respondentId.replace(/-/g, '').slice(0, 12)}`,
    anonymizedText: r.text,
    language: r.language,
    entityCounts: {},
    submittedAt: r.submittedAt,
  };
}

const publishAnonymized = (t: TestTenant, datasetId: string, r: Seeded['responses'][number]) =>
  reporting.as('anonymizer').publish(RESPONSE_ANONYMIZED, r.respondentId, anonymized(t, datasetId, r));

/**
 * A tenant of this test with a dataset of stored anonymized responses. They arrive on Kafka when the
 * test is about that path; otherwise they are stored by the same domain function the handler calls.
 */
async function seed(count = RESPONSES, via: 'kafka' | 'domain' = 'domain', t: TestTenant = newTenant()): Promise<Seeded> {
  const datasetId = randomUUID();
  const respondents = Array.from({ length: count === RESPONSES ? 25 : count }, (): string => randomUUID());
  const responses = FIXTURE.slice(0, count).map((f, i) => ({
    responseId: randomUUID() as string,
    text: f.text,
    language: FIXTURE_LANGUAGES[f.id]!,
    respondentId: respondents[i % respondents.length]!,
    datasetVersion: i < 20 ? 1 : 2,
    submittedAt: f.submittedAt!.toISOString(),
  }));
  if (via === 'kafka') for (const r of responses) await publishAnonymized(t, datasetId, r);
  else for (const r of responses) await storeAnonymizedResponse(deps(), anonymized(t, datasetId, r));
  await waitFor(async () => (await deps().corpus.model.countDocuments({ datasetId })) === count, { what: `${count} corpus documents` });
  return { t, datasetId, respondents, responses, responsesOf: (id) => responses.filter((r) => r.respondentId === id).map((r) => r.responseId) };
}

const GENERATE = `mutation Generate($input: GenerateReportInput!) {
  generateReport(input: $input) {
    id datasetId workspaceId backend fallbackReason responseCount responseIds datasetVersion summary sentiment notes markdown html
    topTerms { term count }
    themes { label count share sentiment quotes }
  }
}`;

async function generate(principal: Principal | null, input: Record<string, unknown>) {
  return gql(principal, GENERATE, { input });
}

async function generated(principal: Principal, input: Record<string, unknown>) {
  const res = await generate(principal, input);
  expect(res.errors).toBeUndefined();
  return res.data!['generateReport'];
}

type Ack = { service: string; outcome: string; counts: Array<{ collection: string; action: string; count: number }> };

/** Opens a rights request as the rights service would and waits for reporting's acknowledgement. */
async function rightsRequest(kind: 'ERASURE' | 'RESTRICTION' | 'LIFT_RESTRICTION', subjectType: 'RESPONDENT' | 'USER', subjectId: string, workspaceId: string | null) {
  const requestId = randomUUID();
  await reporting.as('rights').publish(RIGHTS_OPENED, subjectId, { requestId, kind, subjectType, subjectId, workspaceId });
  const ack = await acks.waitFor((a) => a.payload['requestId'] === requestId, `${kind} acknowledgement`);
  return ack.payload as Ack;
}

async function consent(t: TestTenant, respondentId: string, status: 'GRANTED' | 'WITHDRAWN') {
  await reporting.as('consent').publish(CONSENT_CHANGED, respondentId, {
    consentId: randomUUID(),
    workspaceId: t.workspaceId,
    subjectType: 'RESPONDENT',
    subjectId: respondentId,
    purpose: 'ANALYSIS',
    status,
  });
}

describe('reporting on a real Kafka broker and database', () => {
  test('anonymized responses published on Kafka become corpus documents, once each even when a response arrives twice', async () => {
    const { t, datasetId, responses } = await seed(RESPONSES, 'kafka');
    // A second event for an already stored response (a re-anonymization) must not duplicate it.
    const again = await publishAnonymized(t, datasetId, responses[0]!);
    await reporting.handled(again);
    expect(await deps().corpus.model.countDocuments({ datasetId })).toBe(RESPONSES);
    const stored = await deps().corpus.findById(responses[0]!.responseId);
    expect(stored).toMatchObject({
      workspaceId: t.workspaceId,
      datasetId,
      datasetVersion: 1,
      respondentId: responses[0]!.respondentId,
      text: responses[0]!.text,
      language: responses[0]!.language,
    });
    expect(stored!.submittedAt.toISOString()).toBe(responses[0]!.submittedAt);
  });

  test('a member generates a report that is stored whole with its backend, dataset version and response ids', async () => {
    const { t, datasetId, responses } = await seed();
    const report = await generated(t.member, { datasetId });
    expect(report).toMatchObject({ datasetId, workspaceId: t.workspaceId, backend: 'EMBEDDED', fallbackReason: null, datasetVersion: 2, responseCount: RESPONSES });
    expect([...report.responseIds].sort()).toEqual(responses.map((r) => r.responseId).sort());
    expect(report.themes.length).toBeGreaterThan(0);
    expect(report.markdown).toContain(datasetId);
    expect(report.html).toContain('<html');

    const stored = await deps().reports.findById(report.id);
    expect(stored).toMatchObject({ _id: report.id, workspaceId: t.workspaceId, datasetId, backend: 'EMBEDDED', datasetVersion: 2 });
    expect(stored!.responseIds).toHaveLength(RESPONSES);
    expect(stored!.content.responseCount).toBe(RESPONSES);

    const read = await gql(t.member, 'query R($id: ID!) { report(id: $id) { id responseCount } }', { id: report.id });
    expect(read.data!['report']).toEqual({ id: report.id, responseCount: RESPONSES });
  });

  test('an LLM report requested where no LLM is configured is built by the embedded analyzer and says why', async () => {
    const { t, datasetId } = await seed(6);
    const report = await generated(t.member, { datasetId, backend: 'LLM' });
    expect(report.backend).toBe('EMBEDDED');
    expect(report.fallbackReason).toMatch(/no LLM endpoint is configured/);
  });

  test('the dataset, resolved as a federation entity, lists its reports newest first and counts analyzable responses', async () => {
    const { t, datasetId } = await seed();
    const first = await generated(t.member, { datasetId });
    const second = await generated(t.member, { datasetId });
    const res = await gql(
      t.member,
      'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { id analyzableCount reports { id backend } } } }',
      { reps: [{ __typename: 'Dataset', id: datasetId }] },
    );
    expect(res.errors).toBeUndefined();
    const dataset = res.data!['_entities'][0];
    expect(dataset.analyzableCount).toBe(RESPONSES);
    expect(dataset.reports.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
  });

  test('a restricted respondent and one who objected to analysis are left out of a new report, also for later responses, and come back after lifting and re-granting', async () => {
    const { t, datasetId, respondents, responses, responsesOf } = await seed();
    const [restricted, objecting] = [respondents[1]!, respondents[2]!];
    const restriction = await rightsRequest('RESTRICTION', 'RESPONDENT', restricted, t.workspaceId);
    expect(restriction).toMatchObject({ service: 'reporting', outcome: 'DONE' });
    expect(restriction.counts).toEqual([{ collection: 'subjects', action: 'RESTRICTED', count: 1 }]);
    await consent(t, objecting, 'WITHDRAWN');
    await waitFor(async () => (await deps().subjects.findById(subjectKey(t.workspaceId, objecting)))?.analysisWithdrawn === true, { what: 'objection recorded' });

    // A response of the restricted respondent arriving after the restriction stays out as well.
    const late = { ...responses[1]!, responseId: randomUUID(), datasetVersion: 3 };
    await publishAnonymized(t, datasetId, late);
    await waitFor(async () => (await deps().corpus.findById(late.responseId)) !== null, { what: 'late response stored' });

    const left = [...responsesOf(restricted), late.responseId, ...responsesOf(objecting)];
    expect(await analyzableCount(deps(), datasetId, t.workspaceId)).toBe(RESPONSES - 4);
    const without = await generated(t.member, { datasetId });
    expect(without.responseIds).toHaveLength(RESPONSES - 4);
    for (const id of left) expect(without.responseIds).not.toContain(id);
    // Version 3 came only with the restricted respondent's late response.
    expect(without.datasetVersion).toBe(2);

    const lifted = await rightsRequest('LIFT_RESTRICTION', 'RESPONDENT', restricted, t.workspaceId);
    expect(lifted.counts).toContainEqual({ collection: 'subjects', action: 'RESUMED', count: 1 });
    await consent(t, objecting, 'GRANTED');
    await waitFor(async () => (await deps().subjects.findById(subjectKey(t.workspaceId, objecting)))?.analysisWithdrawn === false, { what: 'consent re-granted' });

    const back = await generated(t.member, { datasetId });
    expect(back.responseIds).toHaveLength(RESPONSES + 1);
    for (const id of left) expect(back.responseIds).toContain(id);
    expect(back.datasetVersion).toBe(3);
  });

  test("erasure deletes the respondent's corpus documents, removes their quotes and ids from every stored report, and the acknowledgement counts say so", async () => {
    const { t, datasetId, responses, responsesOf } = await seed();
    const firstReport = (await deps().reports.findById((await generated(t.member, { datasetId })).id))!;
    await generated(t.member, { datasetId });
    const quoted = firstReport.content.themes.flatMap((th) => th.quotes);
    const victim = responses.find((r) => quoted.some((q) => q.responseId === r.responseId));
    expect(victim).toBeDefined();
    const erasedIds = responsesOf(victim!.respondentId);
    const erasedTexts = quoted.filter((q) => erasedIds.includes(q.responseId)).map((q) => q.text);
    // The renderings quoted them before the erasure, so their absence afterwards means something.
    for (const text of erasedTexts) {
      expect(firstReport.markdown).toContain(escapeMarkdown(text));
      expect(firstReport.html).toContain(escapeHtml(text));
    }
    const drawingOn = (await deps().reports.findDrawingOn(erasedIds)).length;
    expect(drawingOn).toBe(2);

    const ack = await rightsRequest('ERASURE', 'RESPONDENT', victim!.respondentId, t.workspaceId);
    expect(ack.counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: erasedIds.length });
    expect(ack.counts).toContainEqual({ collection: 'reports', action: 'REGENERATED', count: drawingOn });

    expect(await deps().corpus.model.countDocuments({ respondentId: victim!.respondentId })).toBe(0);
    expect(await deps().reports.findDrawingOn(erasedIds)).toEqual([]);
    for (const report of await deps().reports.findByDataset(datasetId)) {
      const quotes = report.content.themes.flatMap((th) => th.quotes);
      for (const id of erasedIds) {
        expect(report.responseIds).not.toContain(id);
        expect(quotes.map((q) => q.responseId)).not.toContain(id);
        expect(report.content.themes.flatMap((th) => th.responseIds)).not.toContain(id);
      }
      for (const text of erasedTexts) {
        expect(report.markdown).not.toContain(escapeMarkdown(text));
        expect(report.html).not.toContain(escapeHtml(text));
      }
    }
    const reread = await gql(t.member, 'query R($id: ID!) { report(id: $id) { responseCount notes themes { quotes } } }', { id: firstReport._id });
    expect(reread.data!['report'].responseCount).toBe(RESPONSES - erasedIds.length);
    expect(reread.data!['report'].themes.flatMap((th: { quotes: string[] }) => th.quotes)).not.toEqual(expect.arrayContaining(erasedTexts));

    // Executing the same kind of request again finds nothing left to do.
    const again = await rightsRequest('ERASURE', 'RESPONDENT', victim!.respondentId, t.workspaceId);
    expect(again.counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: 0 });
    expect(again.counts).toContainEqual({ collection: 'reports', action: 'REGENERATED', count: 0 });

    // A response of theirs anonymized before the erasure but delivered after it does not come back.
    const late = responses.find((r) => r.respondentId === victim!.respondentId)!;
    await reporting.handled(await publishAnonymized(t, datasetId, late));
    expect(await deps().corpus.model.countDocuments({ respondentId: victim!.respondentId })).toBe(0);
    expect(JSON.stringify(await reporting.conn.db!.collection('erasures').find().toArray())).not.toContain(victim!.respondentId);
  });

  test('an erasure naming a respondent under another workspace changes nothing', async () => {
    const { respondents } = await seed(6);
    const target = respondents[0]!;
    const before = await deps().corpus.model.countDocuments({ respondentId: target });
    const ack = await rightsRequest('ERASURE', 'RESPONDENT', target, randomUUID());
    expect(ack.counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: 0 });
    expect(await deps().corpus.model.countDocuments({ respondentId: target })).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  test('a member of another workspace is refused with FORBIDDEN and nothing is stored', async () => {
    const { t, datasetId } = await seed(6);
    const report = await generated(t.member, { datasetId });
    const before = await deps().reports.model.countDocuments({});
    const res = await generate(t.outsider, { datasetId });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const read = await gql(t.outsider, 'query R($id: ID!) { report(id: $id) { id } }', { id: report.id });
    expect(read.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const entity = await gql(t.outsider, 'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { reports { id } } } }', {
      reps: [{ __typename: 'Dataset', id: datasetId }],
    });
    expect(entity.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await deps().reports.model.countDocuments({})).toBe(before);
  });

  test('a dataset with no analyzable response gives a clear BAD_USER_INPUT error and stores nothing', async () => {
    const t = newTenant();
    const before = await deps().reports.model.countDocuments({});
    const unknown = await generate(t.member, { datasetId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'NO_ANONYMIZED_RESPONSES' } });
    expect(unknown.errors?.[0]?.message).toMatch(/no anonymized responses yet/);

    // A dataset whose only respondent restricted processing: known, but nothing may be analyzed.
    const lonelyDataset = randomUUID();
    const lonely = randomUUID();
    await rightsRequest('RESTRICTION', 'RESPONDENT', lonely, t.workspaceId);
    const fixture = FIXTURE[3]!;
    await publishAnonymized(t, lonelyDataset, { responseId: randomUUID(), text: fixture.text, language: FIXTURE_LANGUAGES[fixture.id]!, respondentId: lonely, datasetVersion: 1, submittedAt: fixture.submittedAt!.toISOString() });
    await waitFor(async () => (await deps().corpus.model.countDocuments({ datasetId: lonelyDataset })) === 1, { what: 'lonely response stored' });
    const empty = await generate(t.member, { datasetId: lonelyDataset });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'NO_ANALYZABLE_RESPONSES' } });

    const invalid = await generate(t.member, { datasetId: 'not-an-id' });
    expect(invalid.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.message).toMatch(/datasetId must be a UUID/);
    expect(await deps().reports.model.countDocuments({})).toBe(before);
  });

  test('a report whose generation fails is not stored at all, and the caller gets a generic error', async () => {
    const { t, datasetId } = await seed(6);
    const before = await deps().reports.model.countDocuments({});
    const failing = createReportingServer({
      ...deps(),
      generate: async () => {
        throw new Error('analyzer crashed');
      },
      maxDepth: 12,
    });
    const res = await failing.executeOperation({ query: GENERATE, variables: { input: { datasetId } } }, { contextValue: { principal: t.member, authProblem: null } });
    const result = res.body.kind === 'single' ? res.body.singleResult : undefined;
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(result?.errors?.[0]?.message).not.toMatch(/analyzer crashed/);
    expect(await deps().reports.model.countDocuments({})).toBe(before);
  });

  test('a caller without a token is asked to sign in', async () => {
    const t = newTenant();
    const res = await generate(null, { datasetId: randomUUID() });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const sub = await gql(t.member, '{ subprocessors { name host safeguard } }');
    expect(sub.data!['subprocessors'].map((s: { host: string }) => s.host)).toContain('api.mistral.ai');
  });
});

describe('sharing reports with the workspace, on the real database and broker', () => {
  const REPORT = `id createdBy visibility sharedAt sharedBy shareMessage`;
  const SHARE = `mutation S($input: ShareReportInput!) { shareReport(input: $input) { ${REPORT} } }`;
  const UNSHARE = `mutation U($id: ID!) { unshareReport(reportId: $id) { ${REPORT} } }`;
  const READ = `query R($id: ID!) { report(id: $id) { ${REPORT} } }`;
  const DATASET_REPORTS = 'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { reports { id } } } }';
  const SHARED_REPORTS = 'query W($reps: [_Any!]!) { _entities(representations: $reps) { ... on Workspace { id sharedReports { id sharedBy } } } }';

  const code = (res: Awaited<ReturnType<typeof gql>>) => res.errors?.[0]?.extensions?.['code'];

  /** A workspace of this test with an author, a colleague and an admin, and a dataset to report on. */
  async function team() {
    const { t, datasetId } = await seed(6);
    const author = t.principal('MEMBER');
    const colleague = t.principal('MEMBER');
    const admin = t.admin;
    const newReport = async (principal: Principal): Promise<string> => (await generated(principal, { datasetId })).id;
    const datasetReportIds = async (principal: Principal): Promise<string[]> => {
      const res = await gql(principal, DATASET_REPORTS, { reps: [{ __typename: 'Dataset', id: datasetId }] });
      expect(res.errors).toBeUndefined();
      return res.data!['_entities'][0].reports.map((r: { id: string }) => r.id);
    };
    const sharedReportIds = async (principal: Principal): Promise<string[]> => {
      const res = await gql(principal, SHARED_REPORTS, { reps: [{ __typename: 'Workspace', id: t.workspaceId }] });
      expect(res.errors).toBeUndefined();
      return res.data!['_entities'][0].sharedReports.map((r: { id: string }) => r.id);
    };
    const share = async (principal: Principal, reportId: string, message?: string) => {
      const res = await gql(principal, SHARE, { input: { reportId, ...(message === undefined ? {} : { message }) } });
      expect(res.errors).toBeUndefined();
      return res.data!['shareReport'];
    };
    return { t, author, colleague, admin, newReport, datasetReportIds, sharedReportIds, share };
  }

  test("a new report records its author and is private: its author and the workspace's admins read it, another member neither reads nor lists it", async () => {
    const { author, colleague, admin, newReport, datasetReportIds, sharedReportIds } = await team();
    const privateId = await newReport(author);
    const stored = await deps().reports.findById(privateId);
    expect(stored).toMatchObject({ createdBy: author.userId, visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });

    const own = await gql(author, READ, { id: privateId });
    expect(own.data!['report']).toEqual({ id: privateId, createdBy: author.userId, visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });
    expect((await gql(admin, READ, { id: privateId })).data!['report'].id).toBe(privateId);
    const other = await gql(colleague, READ, { id: privateId });
    expect(code(other)).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).toMatch(/ask its author to share it/);

    expect(await datasetReportIds(author)).toContain(privateId);
    expect(await datasetReportIds(admin)).toContain(privateId);
    expect(await datasetReportIds(colleague)).not.toContain(privateId);
    expect(await sharedReportIds(admin)).not.toContain(privateId);
  });

  test('its author shares it with a note: every member then reads and lists it, and sharing it again changes nothing', async () => {
    const { author, colleague, admin, newReport, datasetReportIds, sharedReportIds } = await team();
    const privateId = await newReport(author);
    const res = await gql(author, SHARE, { input: { reportId: privateId.toUpperCase(), message: '  Q3 findings, see the delivery theme.  ' } });
    expect(res.errors).toBeUndefined();
    const shared = res.data!['shareReport'];
    expect(shared).toMatchObject({ id: privateId, createdBy: author.userId, visibility: 'WORKSPACE', sharedBy: author.userId, shareMessage: 'Q3 findings, see the delivery theme.' });
    expect(Date.parse(shared.sharedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await deps().reports.findById(privateId)).toMatchObject({ visibility: 'WORKSPACE', sharedBy: author.userId, rev: 0 });

    expect((await gql(colleague, READ, { id: privateId })).data!['report']).toEqual(shared);
    expect(await datasetReportIds(colleague)).toContain(privateId);
    expect(await sharedReportIds(colleague)).toContain(privateId);

    const again = await gql(admin, SHARE, { input: { reportId: privateId, message: 'another note' } });
    expect(again.data!['shareReport']).toEqual(shared);
  });

  test('only its author or a workspace admin may share or unshare a report; others are refused and nothing changes', async () => {
    const { t, author, colleague, admin, newReport, share } = await team();
    const sharedId = await newReport(author);
    await share(author, sharedId, 'for everyone');
    const authorsPrivate = await newReport(author);
    const before = await deps().reports.findById(sharedId);

    expect(code(await gql(colleague, SHARE, { input: { reportId: authorsPrivate } }))).toBe('FORBIDDEN');
    expect(code(await gql(colleague, UNSHARE, { id: sharedId }))).toBe('FORBIDDEN');
    expect(code(await gql(t.outsider, SHARE, { input: { reportId: authorsPrivate } }))).toBe('FORBIDDEN');
    expect(code(await gql(t.outsider, UNSHARE, { id: sharedId }))).toBe('FORBIDDEN');
    expect(code(await gql(null, SHARE, { input: { reportId: authorsPrivate } }))).toBe('UNAUTHENTICATED');
    expect(code(await gql(colleague, SHARE, { input: { reportId: randomUUID() } }))).toBe('NOT_FOUND');
    expect(code(await gql(author, UNSHARE, { id: randomUUID() }))).toBe('NOT_FOUND');

    const badId = await gql(author, SHARE, { input: { reportId: 'not-an-id' } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'reportId', problem: 'reportId must be a UUID' }] } });
    expect(code(await gql(author, UNSHARE, { id: 'not-an-id' }))).toBe('BAD_USER_INPUT');
    const long = await gql(author, SHARE, { input: { reportId: authorsPrivate, message: 'x'.repeat(501) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'message' }] } });
    expect(long.errors?.[0]?.message).toMatch(/at most 500 characters/);
    const control = await gql(author, SHARE, { input: { reportId: authorsPrivate, message: 'bell\u0007' } });
    expect(control.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'message' }] } });

    expect(await deps().reports.findById(authorsPrivate)).toMatchObject({ visibility: 'PRIVATE', sharedBy: null });
    expect(await deps().reports.findById(sharedId)).toEqual(before);

    // An admin may share and unshare a member's report.
    const byAdmin = await share(admin, authorsPrivate);
    expect(byAdmin).toMatchObject({ visibility: 'WORKSPACE', createdBy: author.userId, sharedBy: admin.userId, shareMessage: null });
    const undone = (await gql(admin, UNSHARE, { id: authorsPrivate })).data!['unshareReport'];
    expect(undone).toMatchObject({ visibility: 'PRIVATE', sharedBy: null, sharedAt: null });
  });

  test('its author unshares it: private again, the share cleared, and other members lose it', async () => {
    const { author, colleague, admin, newReport, share, datasetReportIds, sharedReportIds } = await team();
    const reportId = await newReport(author);
    await share(author, reportId, 'for a while');
    const res = await gql(author, UNSHARE, { id: reportId });
    expect(res.errors).toBeUndefined();
    expect(res.data!['unshareReport']).toEqual({ id: reportId, createdBy: author.userId, visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });
    expect(await deps().reports.findById(reportId)).toMatchObject({ visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });
    expect(code(await gql(colleague, READ, { id: reportId }))).toBe('FORBIDDEN');
    expect(await datasetReportIds(colleague)).not.toContain(reportId);
    expect(await sharedReportIds(admin)).not.toContain(reportId);
    // Unsharing a private report is a no-op.
    expect((await gql(author, UNSHARE, { id: reportId })).data!['unshareReport'].visibility).toBe('PRIVATE');
  });

  test('a report stored before sharing existed (no author, no visibility) stays visible to every member', async () => {
    const { author, colleague, newReport, datasetReportIds, sharedReportIds } = await team();
    const legacyId = randomUUID();
    const { _id, createdBy, visibility, sharedAt, sharedBy, shareMessage, ...rest } = (await deps().reports.findById(await newReport(author)))!;
    await reporting.conn.db!.collection('reports').insertOne({ ...rest, _id: legacyId as never, createdAt: new Date(Date.now() - 86_400_000) });
    expect((await gql(colleague, READ, { id: legacyId })).data!['report']).toMatchObject({ id: legacyId, createdBy: null, visibility: 'WORKSPACE', sharedAt: null });
    expect(await datasetReportIds(colleague)).toContain(legacyId);
    expect(await sharedReportIds(colleague)).toContain(legacyId);
    expect(code(await gql(colleague, UNSHARE, { id: legacyId }))).toBe('FORBIDDEN');
  });

  test('a member of another workspace cannot list its shared reports', async () => {
    const t = newTenant();
    const res = await gql(t.outsider, SHARED_REPORTS, { reps: [{ __typename: 'Workspace', id: t.workspaceId }] });
    expect(code(res)).toBe('FORBIDDEN');
  });

  test("erasure of a user clears them as author and sharer of every report, which stays the workspace's; a repeat changes nothing", async () => {
    const { author, colleague, admin, newReport, share } = await team();
    const written = await newReport(author);
    const authorsPrivate = await newReport(author);
    await share(admin, authorsPrivate);
    await gql(admin, UNSHARE, { id: authorsPrivate });
    const writtenAndShared = await newReport(author);
    await share(author, writtenAndShared, 'from the author');
    const adminsShare = await newReport(admin);
    await share(admin, adminsShare);
    const colleagues = await newReport(colleague);
    const count = await deps().reports.model.countDocuments({});

    const ack = await rightsRequest('ERASURE', 'USER', author.userId, null);
    expect(ack).toMatchObject({ service: 'reporting', outcome: 'DONE' });
    // Three reports the user wrote (one shared by them, one shared and unshared by an admin, one never shared).
    expect(ack.counts).toEqual([{ collection: 'reports', action: 'UPDATED', count: 3 }]);

    expect(await deps().reports.model.countDocuments({})).toBe(count);
    expect(await deps().reports.findById(written)).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    expect(await deps().reports.findById(authorsPrivate)).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    const shared = await deps().reports.findById(writtenAndShared);
    expect(shared).toMatchObject({ createdBy: null, sharedBy: null, shareMessage: null, visibility: 'WORKSPACE' });
    expect(shared!.sharedAt).toBeInstanceOf(Date);
    expect(await deps().reports.findById(adminsShare)).toMatchObject({ createdBy: admin.userId, sharedBy: admin.userId });
    expect(await deps().reports.findById(colleagues)).toMatchObject({ createdBy: colleague.userId });
    expect(JSON.stringify(await reporting.conn.db!.collection('reports').find().toArray())).not.toContain(author.userId);

    // Without an author, a private report is the admins' alone; the shared one stays readable by every member.
    expect(code(await gql(author, READ, { id: written }))).toBe('FORBIDDEN');
    expect((await gql(admin, READ, { id: written })).data!['report']).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    expect((await gql(colleague, READ, { id: writtenAndShared })).data!['report']).toMatchObject({ createdBy: null, sharedBy: null, visibility: 'WORKSPACE' });

    const again = await rightsRequest('ERASURE', 'USER', author.userId, null);
    expect(again.counts).toEqual([{ collection: 'reports', action: 'UPDATED', count: 0 }]);
  });

  test('restriction requests about a user change nothing in reporting and are acknowledged with no counts', async () => {
    const { colleague, newReport } = await team();
    await newReport(colleague);
    const ack = await rightsRequest('RESTRICTION', 'USER', colleague.userId, null);
    expect(ack.counts).toEqual([]);
    expect(await deps().reports.model.countDocuments({ createdBy: colleague.userId })).toBe(1);
  });
});
