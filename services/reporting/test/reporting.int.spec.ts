import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RESPONSE_ANONYMIZED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED } from '@verbatim/contracts';
import {
  createEventBus,
  createLogger,
  createOutboxRelay,
  createProcessedEventStore,
  createRightsHandler,
  ensureTopics,
  loadEventContracts,
  type EventBus,
  type EventEnvelope,
  type OutboxRelay,
  type Principal,
} from '@verbatim/kit';
import { testInfra, uniqueName, waitFor } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import { createBackends } from '../src/domain/backends.js';
import type { ReportingDeps } from '../src/domain/deps.js';
import { reportRenderer } from '../src/domain/renderer.js';
import { analyzableCount } from '../src/domain/reports.js';
import { reportingRightsStrategies } from '../src/domain/rights.js';
import { reportingHandlers } from '../src/events/handlers.js';
import { createCorpusRepository } from '../src/model/corpus.repository.js';
import { createReportRepository } from '../src/model/report.repository.js';
import type { ReportDoc } from '../src/model/report.schema.js';
import { createSubjectRepository, subjectKey } from '../src/model/subject.repository.js';
import { escapeHtml, escapeMarkdown } from '../src/render/index.js';
import { createReportingServer } from '../src/server.js';
import { FIXTURE, FIXTURE_LANGUAGES } from './fixtures/verbatims.js';

const infra = testInfra();
const log = createLogger('reporting', 'silent');
const contracts = loadEventContracts();
const prefix = `${uniqueName('reporting')}.`;

const workspaceId = randomUUID();
const otherWorkspaceId = randomUUID();
const datasetId = randomUUID();
const member: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
const outsider: Principal = { userId: randomUUID(), workspaces: { [otherWorkspaceId]: 'ADMIN' } };

// 30 responses from 25 respondents: the first five respondents answered twice.
const RESPONSES = 30;
const respondents = Array.from({ length: 25 }, (): string => randomUUID());
const responses = FIXTURE.slice(0, RESPONSES).map((f, i) => ({
  responseId: randomUUID() as string,
  fixtureId: f.id,
  text: f.text,
  language: FIXTURE_LANGUAGES[f.id]!,
  respondentId: respondents[i % respondents.length]!,
  datasetVersion: i < 20 ? 1 : 2,
  submittedAt: f.submittedAt!.toISOString(),
}));
const responsesOf = (respondentId: string) => responses.filter((r) => r.respondentId === respondentId).map((r) => r.responseId);

let conn: Connection;
let deps: ReportingDeps;
let reportingBus: EventBus;
let anonymizerBus: EventBus;
let consentBus: EventBus;
let rightsBus: EventBus;
let relay: OutboxRelay;
let server: ReturnType<typeof createReportingServer>;
const acks: EventEnvelope[] = [];

function anonymized(r: (typeof responses)[number]) {
  return {
    responseId: r.responseId,
    workspaceId,
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

async function gql(principal: Principal | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await server.executeOperation({ query, variables }, { contextValue: { principal, authProblem: null } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as { data?: Record<string, any> | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };
}

const GENERATE = `mutation Generate($input: GenerateReportInput!) {
  generateReport(input: $input) {
    id datasetId workspaceId backend fallbackReason responseCount responseIds datasetVersion summary sentiment notes markdown html
    topTerms { term count }
    themes { label count share sentiment quotes }
  }
}`;

async function generate(principal: Principal, input: Record<string, unknown>) {
  return gql(principal, GENERATE, { input });
}

/** Opens a rights request as the rights service would and waits for reporting's acknowledgement. */
async function rightsRequest(kind: 'ERASURE' | 'RESTRICTION' | 'LIFT_RESTRICTION', respondentId: string) {
  const requestId = randomUUID();
  await rightsBus.publish(RIGHTS_OPENED, respondentId, { requestId, kind, subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId });
  const ack = await waitFor(async () => acks.find((a) => a.payload['requestId'] === requestId), { what: `${kind} acknowledgement` });
  return ack.payload as { service: string; outcome: string; counts: Array<{ collection: string; action: string; count: number }> };
}

async function consent(respondentId: string, status: 'GRANTED' | 'WITHDRAWN') {
  await consentBus.publish(CONSENT_CHANGED, respondentId, {
    consentId: randomUUID(),
    workspaceId,
    subjectType: 'RESPONDENT',
    subjectId: respondentId,
    purpose: 'ANALYSIS',
    status,
  });
}

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('reporting'))).asPromise();
  const backends = createBackends({ LLM_TIMEOUT_MS: 1000, LLM_TOKEN_BUDGET: 1000, SUBPROCESSORS_EXTRA: [] });
  deps = {
    corpus: createCorpusRepository(conn),
    subjects: createSubjectRepository(conn),
    reports: createReportRepository(conn),
    generate: backends.generate,
    render: reportRenderer,
    subprocessors: () => backends.registry.list(),
    log,
  };
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  reportingBus = createEventBus({ service: 'reporting', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await ensureTopics(reportingBus.admin(), contracts.topics, prefix);
  anonymizerBus = createEventBus({ service: 'anonymizer', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  consentBus = createEventBus({ service: 'consent', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  rightsBus = createEventBus({ service: 'rights', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  relay = createOutboxRelay({ models: [], publisher: reportingBus, log, intervalMs: 100 });
  relay.start();
  const rights = createRightsHandler({ service: 'reporting', conn, bus: reportingBus, relay, strategies: reportingRightsStrategies(deps) });
  await reportingBus.consume(reportingHandlers(deps, rights), createProcessedEventStore(conn));
  await rightsBus.consume({ [RIGHTS_ACKNOWLEDGED]: async (e) => void acks.push(e) }, createProcessedEventStore(conn));
  server = createReportingServer({ ...deps, maxDepth: 12 });
});

afterAll(async () => {
  await relay?.stop();
  await Promise.all([reportingBus, anonymizerBus, consentBus, rightsBus].map((b) => b?.stop()));
  await conn?.dropDatabase();
  await conn?.close();
});

describe('reporting on a real Kafka broker and database', () => {
  let firstReport: ReportDoc;

  test('anonymized responses published on Kafka become corpus documents, once each even when a response arrives twice', async () => {
    for (const r of responses) await anonymizerBus.publish(RESPONSE_ANONYMIZED, r.respondentId, anonymized(r));
    // A second event for an already stored response (a re-anonymization) must not duplicate it.
    await anonymizerBus.publish(RESPONSE_ANONYMIZED, responses[0]!.respondentId, anonymized(responses[0]!));
    await waitFor(async () => (await deps.corpus.model.countDocuments({ datasetId })) === RESPONSES, { what: 'corpus documents' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await deps.corpus.model.countDocuments({ datasetId })).toBe(RESPONSES);
    const stored = await deps.corpus.findById(responses[0]!.responseId);
    expect(stored).toMatchObject({
      workspaceId,
      datasetId,
      datasetVersion: 1,
      respondentId: responses[0]!.respondentId,
      text: responses[0]!.text,
      language: responses[0]!.language,
    });
    expect(stored!.submittedAt.toISOString()).toBe(responses[0]!.submittedAt);
  });

  test('a member generates a report that is stored whole with its backend, dataset version and response ids', async () => {
    const res = await generate(member, { datasetId });
    expect(res.errors).toBeUndefined();
    const report = res.data!['generateReport'];
    expect(report).toMatchObject({ datasetId, workspaceId, backend: 'EMBEDDED', fallbackReason: null, datasetVersion: 2, responseCount: RESPONSES });
    expect([...report.responseIds].sort()).toEqual(responses.map((r) => r.responseId).sort());
    expect(report.themes.length).toBeGreaterThan(0);
    expect(report.markdown).toContain(datasetId);
    expect(report.html).toContain('<html');

    const stored = await deps.reports.findById(report.id);
    expect(stored).toMatchObject({ _id: report.id, workspaceId, datasetId, backend: 'EMBEDDED', datasetVersion: 2 });
    expect(stored!.responseIds).toHaveLength(RESPONSES);
    expect(stored!.content.responseCount).toBe(RESPONSES);
    firstReport = stored!;

    const read = await gql(member, 'query R($id: ID!) { report(id: $id) { id responseCount } }', { id: report.id });
    expect(read.data!['report']).toEqual({ id: report.id, responseCount: RESPONSES });
  });

  test('an LLM report requested where no LLM is configured is built by the embedded analyzer and says why', async () => {
    const res = await generate(member, { datasetId, backend: 'LLM' });
    expect(res.errors).toBeUndefined();
    expect(res.data!['generateReport'].backend).toBe('EMBEDDED');
    expect(res.data!['generateReport'].fallbackReason).toMatch(/no LLM endpoint is configured/);
  });

  test('the dataset, resolved as a federation entity, lists its reports newest first and counts analyzable responses', async () => {
    const res = await gql(
      member,
      'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { id analyzableCount reports { id backend } } } }',
      { reps: [{ __typename: 'Dataset', id: datasetId }] },
    );
    expect(res.errors).toBeUndefined();
    const dataset = res.data!['_entities'][0];
    expect(dataset.analyzableCount).toBe(RESPONSES);
    expect(dataset.reports).toHaveLength(2);
    expect(dataset.reports[1].id).toBe(firstReport._id);
  });

  test('a restricted respondent and one who objected to analysis are left out of a new report, also for later responses, and come back after lifting and re-granting', async () => {
    const [restricted, objecting] = [respondents[1]!, respondents[2]!];
    const restriction = await rightsRequest('RESTRICTION', restricted);
    expect(restriction).toMatchObject({ service: 'reporting', outcome: 'DONE' });
    expect(restriction.counts).toEqual([{ collection: 'subjects', action: 'RESTRICTED', count: 1 }]);
    await consent(objecting, 'WITHDRAWN');
    await waitFor(async () => (await deps.subjects.findById(subjectKey(workspaceId, objecting)))?.analysisWithdrawn === true, { what: 'objection recorded' });

    // A response of the restricted respondent arriving after the restriction stays out as well.
    const late = { ...responses[1]!, responseId: randomUUID(), datasetVersion: 3 };
    await anonymizerBus.publish(RESPONSE_ANONYMIZED, restricted, anonymized(late));
    await waitFor(async () => (await deps.corpus.findById(late.responseId)) !== null, { what: 'late response stored' });

    const left = [...responsesOf(restricted), late.responseId, ...responsesOf(objecting)];
    expect(await analyzableCount(deps, datasetId)).toBe(RESPONSES - 4);
    const without = (await generate(member, { datasetId })).data!['generateReport'];
    expect(without.responseIds).toHaveLength(RESPONSES - 4);
    for (const id of left) expect(without.responseIds).not.toContain(id);
    // Version 3 came only with the restricted respondent's late response.
    expect(without.datasetVersion).toBe(2);

    const lifted = await rightsRequest('LIFT_RESTRICTION', restricted);
    expect(lifted.counts).toContainEqual({ collection: 'subjects', action: 'RESUMED', count: 1 });
    await consent(objecting, 'GRANTED');
    await waitFor(async () => (await deps.subjects.findById(subjectKey(workspaceId, objecting)))?.analysisWithdrawn === false, { what: 'consent re-granted' });

    const back = (await generate(member, { datasetId })).data!['generateReport'];
    expect(back.responseIds).toHaveLength(RESPONSES + 1);
    for (const id of left) expect(back.responseIds).toContain(id);
    expect(back.datasetVersion).toBe(3);
  });

  test("erasure deletes the respondent's corpus documents, removes their quotes and ids from every stored report, and the acknowledgement counts say so", async () => {
    const quoted = firstReport.content.themes.flatMap((t) => t.quotes);
    const victim = responses.find((r) => quoted.some((q) => q.responseId === r.responseId) && r.respondentId !== respondents[1] && r.respondentId !== respondents[2]);
    expect(victim).toBeDefined();
    const erasedIds = responsesOf(victim!.respondentId);
    const erasedTexts = quoted.filter((q) => erasedIds.includes(q.responseId)).map((q) => q.text);
    // The renderings quoted them before the erasure, so their absence afterwards means something.
    for (const text of erasedTexts) {
      expect(firstReport.markdown).toContain(escapeMarkdown(text));
      expect(firstReport.html).toContain(escapeHtml(text));
    }
    const drawingOn = (await deps.reports.findDrawingOn(erasedIds)).length;
    expect(drawingOn).toBe(4);

    const ack = await rightsRequest('ERASURE', victim!.respondentId);
    expect(ack.counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: erasedIds.length });
    expect(ack.counts).toContainEqual({ collection: 'reports', action: 'REGENERATED', count: drawingOn });

    expect(await deps.corpus.model.countDocuments({ respondentId: victim!.respondentId })).toBe(0);
    expect(await deps.reports.findDrawingOn(erasedIds)).toEqual([]);
    for (const report of await deps.reports.findByDataset(datasetId)) {
      const quotes = report.content.themes.flatMap((t) => t.quotes);
      for (const id of erasedIds) {
        expect(report.responseIds).not.toContain(id);
        expect(quotes.map((q) => q.responseId)).not.toContain(id);
        expect(report.content.themes.flatMap((t) => t.responseIds)).not.toContain(id);
      }
      for (const text of erasedTexts) {
        expect(report.markdown).not.toContain(escapeMarkdown(text));
        expect(report.html).not.toContain(escapeHtml(text));
      }
    }
    const reread = await gql(member, 'query R($id: ID!) { report(id: $id) { responseCount notes themes { quotes } } }', { id: firstReport._id });
    expect(reread.data!['report'].responseCount).toBe(RESPONSES - erasedIds.length);
    expect(reread.data!['report'].themes.flatMap((t: { quotes: string[] }) => t.quotes)).not.toEqual(expect.arrayContaining(erasedTexts));

    // Executing the same kind of request again finds nothing left to do.
    const again = await rightsRequest('ERASURE', victim!.respondentId);
    expect(again.counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: 0 });
    expect(again.counts).toContainEqual({ collection: 'reports', action: 'REGENERATED', count: 0 });

    // A response of theirs anonymized before the erasure but delivered after it does not come back.
    const late = responses.find((r) => r.respondentId === victim!.respondentId)!;
    await anonymizerBus.publish(RESPONSE_ANONYMIZED, late.respondentId, anonymized(late));
    const marker = responses.find((r) => r.respondentId !== victim!.respondentId)!;
    const markerEvent = await anonymizerBus.publish(RESPONSE_ANONYMIZED, marker.respondentId, anonymized(marker));
    await waitFor(async () => (await conn.db!.collection('processed_events').findOne({ _id: `reporting:${markerEvent.id}` as never })) !== null, { what: 'the later event handled' });
    expect(await deps.corpus.model.countDocuments({ respondentId: victim!.respondentId })).toBe(0);
    expect(JSON.stringify(await conn.db!.collection('erasures').find().toArray())).not.toContain(victim!.respondentId);
  });

  test('an erasure naming a respondent under another workspace changes nothing', async () => {
    const target = responses.find((r) => r.respondentId === respondents[1])!;
    const before = await deps.corpus.model.countDocuments({ respondentId: target.respondentId });
    const requestId = randomUUID();
    await rightsBus.publish(RIGHTS_OPENED, target.respondentId, { requestId, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: target.respondentId, workspaceId: randomUUID() });
    const ack = await waitFor(async () => acks.find((a) => a.payload['requestId'] === requestId), { what: 'acknowledgement' });
    expect((ack.payload as { counts: unknown[] }).counts).toContainEqual({ collection: 'corpus', action: 'DELETED', count: 0 });
    expect(await deps.corpus.model.countDocuments({ respondentId: target.respondentId })).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  test("a member of another workspace is refused with FORBIDDEN and nothing is stored", async () => {
    const before = await deps.reports.model.countDocuments({});
    const res = await generate(outsider, { datasetId });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const read = await gql(outsider, 'query R($id: ID!) { report(id: $id) { id } }', { id: firstReport._id });
    expect(read.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const entity = await gql(outsider, 'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { reports { id } } } }', {
      reps: [{ __typename: 'Dataset', id: datasetId }],
    });
    expect(entity.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await deps.reports.model.countDocuments({})).toBe(before);
  });

  test('a dataset with no analyzable response gives a clear BAD_USER_INPUT error and stores nothing', async () => {
    const before = await deps.reports.model.countDocuments({});
    const unknown = await generate(member, { datasetId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'NO_ANONYMIZED_RESPONSES' } });
    expect(unknown.errors?.[0]?.message).toMatch(/no anonymized responses yet/);

    // A dataset whose only respondent restricted processing: known, but nothing may be analyzed.
    const lonelyDataset = randomUUID();
    const lonely = randomUUID();
    await rightsRequest('RESTRICTION', lonely);
    await anonymizerBus.publish(RESPONSE_ANONYMIZED, lonely, { ...anonymized({ ...responses[3]!, respondentId: lonely, responseId: randomUUID() }), datasetId: lonelyDataset });
    await waitFor(async () => (await deps.corpus.model.countDocuments({ datasetId: lonelyDataset })) === 1, { what: 'lonely response stored' });
    const empty = await generate(member, { datasetId: lonelyDataset });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'NO_ANALYZABLE_RESPONSES' } });

    const invalid = await generate(member, { datasetId: 'not-an-id' });
    expect(invalid.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.message).toMatch(/datasetId must be a UUID/);
    expect(await deps.reports.model.countDocuments({})).toBe(before);
  });

  test('a report whose generation fails is not stored at all, and the caller gets a generic error', async () => {
    const before = await deps.reports.model.countDocuments({});
    const failing = createReportingServer({
      ...deps,
      generate: async () => {
        throw new Error('analyzer crashed');
      },
      maxDepth: 12,
    });
    const res = await failing.executeOperation({ query: GENERATE, variables: { input: { datasetId } } }, { contextValue: { principal: member, authProblem: null } });
    const result = res.body.kind === 'single' ? res.body.singleResult : undefined;
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(result?.errors?.[0]?.message).not.toMatch(/analyzer crashed/);
    expect(await deps.reports.model.countDocuments({})).toBe(before);
  });

  test('a caller without a token is asked to sign in', async () => {
    const res = await generate(null as unknown as Principal, { datasetId });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const sub = await gql(member, '{ subprocessors { name host safeguard } }');
    expect(sub.data!['subprocessors'].map((s: { host: string }) => s.host)).toContain('api.mistral.ai');
  });
});

describe('sharing reports with the workspace, on the real database and broker', () => {
  // A dataset of its own, so the counts of the tests above are not affected.
  const sharedDatasetId = randomUUID();
  const author: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
  const colleague: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
  const admin: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'ADMIN' } };
  const REPORT = `id createdBy visibility sharedAt sharedBy shareMessage`;
  const SHARE = `mutation S($input: ShareReportInput!) { shareReport(input: $input) { ${REPORT} } }`;
  const UNSHARE = `mutation U($id: ID!) { unshareReport(reportId: $id) { ${REPORT} } }`;
  const READ = `query R($id: ID!) { report(id: $id) { ${REPORT} } }`;
  const DATASET_REPORTS = 'query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { reports { id } } } }';
  const SHARED_REPORTS = 'query W($reps: [_Any!]!) { _entities(representations: $reps) { ... on Workspace { id sharedReports { id sharedBy } } } }';
  let privateId: string;
  let authorsPrivate: string;

  const code = (res: Awaited<ReturnType<typeof gql>>) => res.errors?.[0]?.extensions?.['code'];
  const newReport = async (principal: Principal): Promise<string> => {
    const res = await generate(principal, { datasetId: sharedDatasetId });
    expect(res.errors).toBeUndefined();
    return res.data!['generateReport'].id;
  };
  const datasetReportIds = async (principal: Principal): Promise<string[]> => {
    const res = await gql(principal, DATASET_REPORTS, { reps: [{ __typename: 'Dataset', id: sharedDatasetId }] });
    expect(res.errors).toBeUndefined();
    return res.data!['_entities'][0].reports.map((r: { id: string }) => r.id);
  };
  const sharedReportIds = async (principal: Principal): Promise<string[]> => {
    const res = await gql(principal, SHARED_REPORTS, { reps: [{ __typename: 'Workspace', id: workspaceId }] });
    expect(res.errors).toBeUndefined();
    return res.data!['_entities'][0].sharedReports.map((r: { id: string }) => r.id);
  };
  /** Opens a USER rights request as the rights service does (no workspace) and waits for reporting's acknowledgement. */
  async function userErasure(userId: string) {
    const requestId = randomUUID();
    await rightsBus.publish(RIGHTS_OPENED, userId, { requestId, kind: 'ERASURE', subjectType: 'USER', subjectId: userId, workspaceId: null });
    const ack = await waitFor(async () => acks.find((a) => a.payload['requestId'] === requestId), { what: 'user erasure acknowledgement' });
    return ack.payload as { service: string; outcome: string; counts: Array<{ collection: string; action: string; count: number }> };
  }

  beforeAll(async () => {
    // Respondents of their own: one of the respondents above was erased, and their responses are dropped on arrival.
    const own = responses.slice(0, 6).map((r) => ({ ...r, responseId: randomUUID(), respondentId: randomUUID() }));
    for (const r of own) await anonymizerBus.publish(RESPONSE_ANONYMIZED, r.respondentId, { ...anonymized(r), datasetId: sharedDatasetId });
    await waitFor(async () => (await deps.corpus.model.countDocuments({ datasetId: sharedDatasetId })) === own.length, { what: 'shared dataset corpus' });
  });

  test("a new report records its author and is private: its author and the workspace's admins read it, another member neither reads nor lists it", async () => {
    privateId = await newReport(author);
    const stored = await deps.reports.findById(privateId);
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
    const res = await gql(author, SHARE, { input: { reportId: privateId.toUpperCase(), message: '  Q3 findings, see the delivery theme.  ' } });
    expect(res.errors).toBeUndefined();
    const shared = res.data!['shareReport'];
    expect(shared).toMatchObject({ id: privateId, createdBy: author.userId, visibility: 'WORKSPACE', sharedBy: author.userId, shareMessage: 'Q3 findings, see the delivery theme.' });
    expect(Date.parse(shared.sharedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await deps.reports.findById(privateId)).toMatchObject({ visibility: 'WORKSPACE', sharedBy: author.userId, rev: 0 });

    expect((await gql(colleague, READ, { id: privateId })).data!['report']).toEqual(shared);
    expect(await datasetReportIds(colleague)).toContain(privateId);
    expect(await sharedReportIds(colleague)).toContain(privateId);

    const again = await gql(admin, SHARE, { input: { reportId: privateId, message: 'another note' } });
    expect(again.data!['shareReport']).toEqual(shared);
  });

  test('only its author or a workspace admin may share or unshare a report; others are refused and nothing changes', async () => {
    authorsPrivate = await newReport(author);
    const before = await deps.reports.findById(privateId);

    expect(code(await gql(colleague, SHARE, { input: { reportId: authorsPrivate } }))).toBe('FORBIDDEN');
    expect(code(await gql(colleague, UNSHARE, { id: privateId }))).toBe('FORBIDDEN');
    expect(code(await gql(outsider, SHARE, { input: { reportId: authorsPrivate } }))).toBe('FORBIDDEN');
    expect(code(await gql(outsider, UNSHARE, { id: privateId }))).toBe('FORBIDDEN');
    expect(code(await gql(null as unknown as Principal, SHARE, { input: { reportId: authorsPrivate } }))).toBe('UNAUTHENTICATED');
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

    expect(await deps.reports.findById(authorsPrivate)).toMatchObject({ visibility: 'PRIVATE', sharedBy: null });
    expect(await deps.reports.findById(privateId)).toEqual(before);

    // An admin may share and unshare a member's report.
    const byAdmin = (await gql(admin, SHARE, { input: { reportId: authorsPrivate } })).data!['shareReport'];
    expect(byAdmin).toMatchObject({ visibility: 'WORKSPACE', createdBy: author.userId, sharedBy: admin.userId, shareMessage: null });
    const undone = (await gql(admin, UNSHARE, { id: authorsPrivate })).data!['unshareReport'];
    expect(undone).toMatchObject({ visibility: 'PRIVATE', sharedBy: null, sharedAt: null });
  });

  test('its author unshares it: private again, the share cleared, and other members lose it', async () => {
    const res = await gql(author, UNSHARE, { id: privateId });
    expect(res.errors).toBeUndefined();
    expect(res.data!['unshareReport']).toEqual({ id: privateId, createdBy: author.userId, visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });
    expect(await deps.reports.findById(privateId)).toMatchObject({ visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null });
    expect(code(await gql(colleague, READ, { id: privateId }))).toBe('FORBIDDEN');
    expect(await datasetReportIds(colleague)).not.toContain(privateId);
    expect(await sharedReportIds(admin)).not.toContain(privateId);
    // Unsharing a private report is a no-op.
    expect((await gql(author, UNSHARE, { id: privateId })).data!['unshareReport'].visibility).toBe('PRIVATE');
  });

  test('a report stored before sharing existed (no author, no visibility) stays visible to every member', async () => {
    const legacyId = randomUUID();
    const { _id, createdBy, visibility, sharedAt, sharedBy, shareMessage, ...rest } = (await deps.reports.findById(privateId))!;
    await conn.db!.collection('reports').insertOne({ ...rest, _id: legacyId as never, createdAt: new Date(Date.now() - 86_400_000) });
    expect((await gql(colleague, READ, { id: legacyId })).data!['report']).toMatchObject({ id: legacyId, createdBy: null, visibility: 'WORKSPACE', sharedAt: null });
    expect(await datasetReportIds(colleague)).toContain(legacyId);
    expect(await sharedReportIds(colleague)).toContain(legacyId);
    expect(code(await gql(colleague, UNSHARE, { id: legacyId }))).toBe('FORBIDDEN');
  });

  test('a member of another workspace cannot list its shared reports', async () => {
    const res = await gql(outsider, SHARED_REPORTS, { reps: [{ __typename: 'Workspace', id: workspaceId }] });
    expect(code(res)).toBe('FORBIDDEN');
  });

  test("erasure of a user clears them as author and sharer of every report, which stays the workspace's; a repeat changes nothing", async () => {
    const written = privateId;
    const writtenAndShared = await newReport(author);
    await gql(author, SHARE, { input: { reportId: writtenAndShared, message: 'from the author' } });
    const adminsShare = await newReport(admin);
    await gql(admin, SHARE, { input: { reportId: adminsShare } });
    const colleagues = await newReport(colleague);
    const count = await deps.reports.model.countDocuments({});

    const ack = await userErasure(author.userId);
    expect(ack).toMatchObject({ service: 'reporting', outcome: 'DONE' });
    // Three reports the user wrote (one shared by them, one shared and unshared by an admin, one never shared).
    expect(ack.counts).toEqual([{ collection: 'reports', action: 'UPDATED', count: 3 }]);

    expect(await deps.reports.model.countDocuments({})).toBe(count);
    expect(await deps.reports.findById(written)).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    expect(await deps.reports.findById(authorsPrivate)).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    const shared = await deps.reports.findById(writtenAndShared);
    expect(shared).toMatchObject({ createdBy: null, sharedBy: null, shareMessage: null, visibility: 'WORKSPACE' });
    expect(shared!.sharedAt).toBeInstanceOf(Date);
    expect(await deps.reports.findById(adminsShare)).toMatchObject({ createdBy: admin.userId, sharedBy: admin.userId });
    expect(await deps.reports.findById(colleagues)).toMatchObject({ createdBy: colleague.userId });
    expect(JSON.stringify(await conn.db!.collection('reports').find().toArray())).not.toContain(author.userId);

    // Without an author, a private report is the admins' alone; the shared one stays readable by every member.
    expect(code(await gql(author, READ, { id: written }))).toBe('FORBIDDEN');
    expect((await gql(admin, READ, { id: written })).data!['report']).toMatchObject({ createdBy: null, visibility: 'PRIVATE' });
    expect((await gql(colleague, READ, { id: writtenAndShared })).data!['report']).toMatchObject({ createdBy: null, sharedBy: null, visibility: 'WORKSPACE' });

    const again = await userErasure(author.userId);
    expect(again.counts).toEqual([{ collection: 'reports', action: 'UPDATED', count: 0 }]);
  });

  test('restriction requests about a user change nothing in reporting and are acknowledged with no counts', async () => {
    const requestId = randomUUID();
    await rightsBus.publish(RIGHTS_OPENED, colleague.userId, { requestId, kind: 'RESTRICTION', subjectType: 'USER', subjectId: colleague.userId, workspaceId: null });
    const ack = await waitFor(async () => acks.find((a) => a.payload['requestId'] === requestId), { what: 'acknowledgement' });
    expect((ack.payload as { counts: unknown[] }).counts).toEqual([]);
    expect(await deps.reports.model.countDocuments({ createdBy: colleague.userId })).toBe(1);
  });
});
