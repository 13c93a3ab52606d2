import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HOLDERS as EXPECTED_SERVICES, RIGHTS_ACKNOWLEDGED, RIGHTS_COMPLETED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind } from '@verbatim/contracts';
import {
  createEventBus,
  createLogger,
  createOutboxRelay,
  createProcessedEventStore,
  ensureTopics,
  loadEventContracts,
  syncIndexes,
  type EventBus,
  type EventEnvelope,
  type OutboxRelay,
  type Principal,
} from '@verbatim/kit';
import { codeOf, gql, testInfra, uniqueName, waitFor } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import { subjectDigest } from '../src/domain/digest.js';
import type { RightsDeps } from '../src/domain/requests.js';
import { rightsHandlers } from '../src/events/handlers.js';
import { createRightsRequestRepository } from '../src/model/request.repository.js';
import { createRightsServer } from '../src/server.js';

const infra = testInfra();
const log = createLogger('rights', 'silent');
const contracts = loadEventContracts();
const prefix = `${uniqueName('rights')}.`;
const digestKey = 'a1'.repeat(32);

let conn: Connection;
let bus: EventBus;
let relay: OutboxRelay;
let deps: RightsDeps;
let server: ReturnType<typeof createRightsServer>;
/** Plays the holders: reads what rights publishes, acknowledges as each of the five services. */
let observer: EventBus;
const holders = new Map<HolderName, EventBus>();
const seen: EventEnvelope[] = [];

const workspaceId = randomUUID();
const otherWorkspaceId = randomUUID();
const admin: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'ADMIN' } };
const member: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
const outsider: Principal = { userId: randomUUID(), workspaces: { [otherWorkspaceId]: 'ADMIN' } };

const FIELDS = 'id kind subjectType subjectId subjectDigest workspaceId status requestedAt dueAt completedAt durationMs expectedServices acknowledgements { service outcome counts { collection action count } executedAt }';
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { ${FIELDS} } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { ${FIELDS} } }`;
const LIFT = `mutation($input: RightsRequestInput!) { liftRestriction(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { rightsRequest(id: $id) { ${FIELDS} } }`;
const WORKSPACE_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { rightsRequests { id kind } } } }`;
const USER_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { rightsRequests { id kind } } } }`;

function holder(service: HolderName): EventBus {
  let b = holders.get(service);
  if (!b) {
    b = createEventBus({ service, brokers: infra.brokers, contracts, log, topicPrefix: prefix });
    holders.set(service, b);
  }
  return b;
}

function acknowledge(service: HolderName, requestId: string, kind: RightsKind, counts: ActionCount[] = []) {
  return holder(service).publish(RIGHTS_ACKNOWLEDGED, requestId, { requestId, service, kind, outcome: 'DONE', counts, executedAt: new Date().toISOString() });
}

const stored = (id: string) => deps.requests.model.findById(id).lean<Record<string, unknown>>();

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('rights'))).asPromise();
  bus = createEventBus({ service: 'rights', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await ensureTopics(bus.admin(), contracts.topics, prefix);
  const requests = createRightsRequestRepository(conn);
  relay = createOutboxRelay({ models: [requests.model], publisher: bus, log, intervalMs: 100 });
  deps = { requests, events: bus, relay, log, digestKey };
  await syncIndexes(conn);
  relay.start();
  await bus.consume(rightsHandlers(deps), createProcessedEventStore(conn));
  observer = createEventBus({ service: 'identity', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  const collect = async (e: EventEnvelope) => void seen.push(e);
  await observer.consume({ [RIGHTS_OPENED]: collect, [RIGHTS_COMPLETED]: collect }, createProcessedEventStore(conn));
  server = createRightsServer({ ...deps, maxDepth: 12 });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await relay?.stop();
  for (const b of holders.values()) await b.stop();
  await observer?.stop();
  await bus?.stop();
  await conn?.dropDatabase();
  await conn?.close();
});

describe('rights requests on the real broker and database', () => {
  test('an erasure request is published on Kafka, five acknowledgements complete it, and a keyed digest replaces the subject id', async () => {
    const respondentId = randomUUID();
    const opened = await gql(server, admin, ERASE, { input: { workspaceId, respondentId } });
    expect(opened.errors).toBeUndefined();
    const request = opened.data!['requestErasure'];
    expect(request).toMatchObject({ kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId, status: 'IN_PROGRESS', acknowledgements: [] });
    expect(request.expectedServices).toEqual([...EXPECTED_SERVICES]);
    expect(new Date(request.dueAt).getTime()).toBeGreaterThan(new Date(request.requestedAt).getTime() + 27 * 86_400_000);

    const event = await waitFor(async () => seen.find((e) => e.type === 'rights.request-opened' && e.payload['requestId'] === request.id), { what: 'request-opened on Kafka' });
    expect(event.source).toBe('rights');
    expect(event.subjectId).toBe(respondentId);
    expect(event.payload).toEqual({ requestId: request.id, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId });

    for (const service of EXPECTED_SERVICES) {
      await acknowledge(service, request.id, 'ERASURE', [{ collection: `${service}_things`, action: 'DELETED', count: 2 }]);
    }
    const done = await waitFor(
      async () => {
        const r = (await gql(server, admin, GET, { id: request.id })).data?.['rightsRequest'];
        return r?.status === 'COMPLETED' ? r : undefined;
      },
      { what: 'completion' },
    );
    // As soon as COMPLETED is visible, the stored proof no longer names the respondent anywhere (outbox included).
    const doc = await stored(request.id);
    expect(doc).not.toHaveProperty('subjectId');
    expect(JSON.stringify(doc)).not.toContain(respondentId);
    expect(done.acknowledgements.map((a: { service: string }) => a.service).sort()).toEqual([...EXPECTED_SERVICES].sort());
    expect(done.acknowledgements[0].counts).toEqual([{ collection: `${done.acknowledgements[0].service}_things`, action: 'DELETED', count: 2 }]);
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.durationMs).toBe(new Date(done.completedAt).getTime() - new Date(done.requestedAt).getTime());
    expect(done.subjectId).toBeNull();
    expect(done.subjectDigest).toBe(subjectDigest(digestKey, 'RESPONDENT', respondentId));

    const completed = await waitFor(async () => seen.find((e) => e.type === 'rights.request-completed' && e.payload['requestId'] === request.id), { what: 'request-completed on Kafka' });
    expect(completed.payload).toMatchObject({ kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, services: [...EXPECTED_SERVICES] });


    // The subject is free again: a new erasure for the same respondent is accepted.
    const again = await gql(server, admin, ERASE, { input: { workspaceId, respondentId } });
    expect(again.errors).toBeUndefined();
  });

  test('a user who erases themself is not named in the completed proof, not even as its requester', async () => {
    const user: Principal = { userId: randomUUID(), workspaces: {} };
    const request = (await gql(server, user, ERASE, { input: {} })).data!['requestErasure'];
    expect(request).toMatchObject({ subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    await Promise.all(EXPECTED_SERVICES.map((s) => acknowledge(s, request.id, 'ERASURE')));
    await waitFor(async () => (await stored(request.id))?.['status'] === 'COMPLETED' && (await stored(request.id))?.['outboxPending'] === false, { what: 'completion' });
    const doc = await stored(request.id);
    expect(doc?.['subjectDigest']).toBe(subjectDigest(digestKey, 'USER', user.userId));
    expect(JSON.stringify(doc)).not.toContain(user.userId);
  });

  test('a duplicate acknowledgement is idempotent: the request counts each service once and stays in progress', async () => {
    const user: Principal = { userId: randomUUID(), workspaces: {} };
    const request = (await gql(server, user, RESTRICT, { input: {} })).data!['requestRestriction'];
    const first = await acknowledge('identity', request.id, 'RESTRICTION', [{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
    // The same event redelivered, and a second event from the same service.
    await holder('identity').publishEnvelope(RIGHTS_ACKNOWLEDGED, request.id, first);
    await acknowledge('identity', request.id, 'RESTRICTION', [{ collection: 'users', action: 'RESTRICTED', count: 0 }]);
    // Same key, same partition: once this later ack is recorded, the duplicates before it were handled.
    await acknowledge('ingestion', request.id, 'RESTRICTION');
    const r = await waitFor(
      async () => {
        const got = (await gql(server, user, GET, { id: request.id })).data?.['rightsRequest'];
        return got?.acknowledgements.some((a: { service: string }) => a.service === 'ingestion') ? got : undefined;
      },
      { what: 'the ingestion acknowledgement' },
    );
    expect(r.status).toBe('IN_PROGRESS');
    expect(r.acknowledgements).toHaveLength(2);
    expect(r.acknowledgements.find((a: { service: string }) => a.service === 'identity').counts).toEqual([{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
  });

  test('an identical request still in progress is refused with CONFLICT naming the existing request; another kind is accepted', async () => {
    const respondentId = randomUUID();
    const first = (await gql(server, admin, RESTRICT, { input: { workspaceId, respondentId } })).data!['requestRestriction'];
    const second = await gql(server, admin, RESTRICT, { input: { workspaceId, respondentId } });
    expect(codeOf(second)).toBe('CONFLICT');
    expect(second.errors![0]!.message).toContain(first.id);
    expect(second.errors![0]!.extensions!['details']).toEqual({ existingRequestId: first.id });
    expect(await deps.requests.model.countDocuments({ workspaceId, kind: 'RESTRICTION' })).toBe(1);
    const lift = await gql(server, admin, LIFT, { input: { workspaceId, respondentId } });
    expect(lift.errors).toBeUndefined();
  });

  test('a workspace MEMBER, or an ADMIN of another workspace, is FORBIDDEN to open or read a respondent request', async () => {
    const respondentId = randomUUID();
    expect(codeOf(await gql(server, member, ERASE, { input: { workspaceId, respondentId } }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, outsider, ERASE, { input: { workspaceId, respondentId } }))).toBe('FORBIDDEN');
    expect(await deps.requests.model.countDocuments({ workspaceId, 'subjectId': respondentId })).toBe(0);

    const request = (await gql(server, admin, ERASE, { input: { workspaceId, respondentId } })).data!['requestErasure'];
    expect(codeOf(await gql(server, member, GET, { id: request.id }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, outsider, GET, { id: request.id }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, null, GET, { id: request.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(server, member, WORKSPACE_REQUESTS, { r: [{ __typename: 'Workspace', id: workspaceId }] }))).toBe('FORBIDDEN');

    const listed = await gql(server, admin, WORKSPACE_REQUESTS, { r: [{ __typename: 'Workspace', id: workspaceId }] });
    expect(listed.data!['_entities'][0].rightsRequests.map((r: { id: string }) => r.id)).toContain(request.id);
  });

  test('a request about a user is visible to that user only, and listed on their User entity', async () => {
    const user: Principal = { userId: randomUUID(), workspaces: {} };
    const request = (await gql(server, user, LIFT, { input: { workspaceId: null, respondentId: null } })).data!['liftRestriction'];
    expect((await gql(server, user, GET, { id: request.id })).data!['rightsRequest'].id).toBe(request.id);
    expect(codeOf(await gql(server, admin, GET, { id: request.id }))).toBe('NOT_FOUND');
    const mine = await gql(server, user, USER_REQUESTS, { r: [{ __typename: 'User', id: user.userId }] });
    expect(mine.data!['_entities'][0].rightsRequests).toEqual([{ id: request.id, kind: 'LIFT_RESTRICTION' }]);
    expect(codeOf(await gql(server, admin, USER_REQUESTS, { r: [{ __typename: 'User', id: user.userId }] }))).toBe('FORBIDDEN');
  });

  test.each([
    ['only a workspace id', { workspaceId: randomUUID() }],
    ['only a respondent id', { respondentId: randomUUID() }],
    ['a respondent id that is not an id', { workspaceId, respondentId: 'jane.doe@example.com' }],
    ['a workspace id that is not an id', { workspaceId: 'acme', respondentId: randomUUID() }],
  ])('an input with %s is BAD_USER_INPUT and writes nothing', async (_, input) => {
    const before = await deps.requests.model.countDocuments({});
    const r = await gql(server, admin, ERASE, { input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await deps.requests.model.countDocuments({})).toBe(before);
  });

  test('an unknown or malformed request id is NOT_FOUND or BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(server, admin, GET, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, admin, GET, { id: 'nope' }))).toBe('BAD_USER_INPUT');
  });
});
