import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HOLDERS as EXPECTED_SERVICES, RIGHTS_ACKNOWLEDGED, RIGHTS_COMPLETED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind } from '@verbatim/contracts';
import { codeOf, newTenant, newUser, startTestService, waitFor, type EventObserver, type TestService } from '@verbatim/kit/testing';
import { createRights, type Rights } from '../src/app.js';
import { subjectDigest } from '../src/domain/digest.js';
import { testWorkflowConfig } from './workflow-config.js';

const digestKey = 'a1'.repeat(32);

let rights: TestService<Rights>;
/** Plays the holders: reads what rights publishes (they acknowledge through rights.as(service)). */
let seen: EventObserver;

const FIELDS = 'id kind subjectType subjectId subjectDigest workspaceId status requestedAt dueAt completedAt durationMs expectedServices acknowledgements { service outcome counts { collection action count } executedAt }';
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { ${FIELDS} } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { ${FIELDS} } }`;
const LIFT = `mutation($input: RightsRequestInput!) { liftRestriction(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { rightsRequest(id: $id) { ${FIELDS} } }`;
const WORKSPACE_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { rightsRequests { id kind } } } }`;
const USER_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { rightsRequests { id kind } } } }`;

function acknowledge(service: HolderName, requestId: string, kind: RightsKind, counts: ActionCount[] = []) {
  return rights.as(service).publish(RIGHTS_ACKNOWLEDGED, requestId, { requestId, service, kind, outcome: 'DONE', counts, executedAt: new Date().toISOString() });
}

const stored = (id: string) => rights.app.deps.requests.model.findById(id).lean<Record<string, unknown>>();

beforeAll(async () => {
  rights = await startTestService('rights', (base) => createRights({ ...base, config: { ...testWorkflowConfig, RIGHTS_DIGEST_KEY: digestKey } }));
  seen = await rights.observe([RIGHTS_OPENED, RIGHTS_COMPLETED]);
});

afterAll(async () => {
  await rights?.stop();
});

describe('rights requests on the real broker and database', () => {
  test('an erasure request is published on Kafka, five acknowledgements complete it, and a keyed digest replaces the subject id', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    const opened = await rights.gql(t.admin, ERASE, { input: { workspaceId: t.workspaceId, respondentId } });
    expect(opened.errors).toBeUndefined();
    const request = opened.data!['requestErasure'];
    expect(request).toMatchObject({ kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId: t.workspaceId, status: 'IN_PROGRESS', acknowledgements: [] });
    expect(request.expectedServices).toEqual([...EXPECTED_SERVICES]);
    expect(new Date(request.dueAt).getTime()).toBeGreaterThan(new Date(request.requestedAt).getTime() + 27 * 86_400_000);

    const event = await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload['requestId'] === request.id, 'request-opened on Kafka');
    expect(event.source).toBe('rights');
    expect(event.subjectId).toBe(respondentId);
    expect(event.payload).toEqual({ requestId: request.id, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId: t.workspaceId });

    for (const service of EXPECTED_SERVICES) {
      await acknowledge(service, request.id, 'ERASURE', [{ collection: `${service}_things`, action: 'DELETED', count: 2 }]);
    }
    const done = await waitFor(
      async () => {
        const r = (await rights.gql(t.admin, GET, { id: request.id })).data?.['rightsRequest'];
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

    const completed = await seen.waitFor((e) => e.type === 'rights.request-completed' && e.payload['requestId'] === request.id, 'request-completed on Kafka');
    expect(completed.payload).toMatchObject({ kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, services: [...EXPECTED_SERVICES] });


    // The subject is free again: a new erasure for the same respondent is accepted.
    const again = await rights.gql(t.admin, ERASE, { input: { workspaceId: t.workspaceId, respondentId } });
    expect(again.errors).toBeUndefined();
  });

  test('a user who erases themself is not named in the completed proof, not even as its requester', async () => {
    const user = newUser();
    const request = (await rights.gql(user, ERASE, { input: {} })).data!['requestErasure'];
    expect(request).toMatchObject({ subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    // Identity deleted the account; an erasure in which every holder found nothing would end NOT_FOUND.
    const deleted = (s: HolderName): ActionCount[] => (s === 'identity' ? [{ collection: 'users', action: 'DELETED', count: 1 }] : []);
    await Promise.all(EXPECTED_SERVICES.map((s) => acknowledge(s, request.id, 'ERASURE', deleted(s))));
    await waitFor(async () => (await stored(request.id))?.['status'] === 'COMPLETED' && (await stored(request.id))?.['outboxPending'] === false, { what: 'completion' });
    const doc = await stored(request.id);
    expect(doc?.['subjectDigest']).toBe(subjectDigest(digestKey, 'USER', user.userId));
    expect(JSON.stringify(doc)).not.toContain(user.userId);
  });

  test('a duplicate acknowledgement is idempotent: the request counts each service once and stays in progress', async () => {
    const user = newUser();
    const request = (await rights.gql(user, RESTRICT, { input: {} })).data!['requestRestriction'];
    const first = await acknowledge('identity', request.id, 'RESTRICTION', [{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
    // The same event redelivered, and a second event from the same service.
    await rights.as('identity').publishEnvelope(RIGHTS_ACKNOWLEDGED, request.id, first);
    await acknowledge('identity', request.id, 'RESTRICTION', [{ collection: 'users', action: 'RESTRICTED', count: 0 }]);
    // Same key, same partition: once this later ack is recorded, the duplicates before it were handled.
    await acknowledge('ingestion', request.id, 'RESTRICTION');
    const r = await waitFor(
      async () => {
        const got = (await rights.gql(user, GET, { id: request.id })).data?.['rightsRequest'];
        return got?.acknowledgements.some((a: { service: string }) => a.service === 'ingestion') ? got : undefined;
      },
      { what: 'the ingestion acknowledgement' },
    );
    expect(r.status).toBe('IN_PROGRESS');
    expect(r.acknowledgements).toHaveLength(2);
    expect(r.acknowledgements.find((a: { service: string }) => a.service === 'identity').counts).toEqual([{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
  });

  test('an identical request still in progress is refused with CONFLICT naming the existing request; another kind is accepted', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    const first = (await rights.gql(t.admin, RESTRICT, { input: { workspaceId: t.workspaceId, respondentId } })).data!['requestRestriction'];
    const second = await rights.gql(t.admin, RESTRICT, { input: { workspaceId: t.workspaceId, respondentId } });
    expect(codeOf(second)).toBe('CONFLICT');
    expect(second.errors![0]!.message).toContain(first.id);
    expect(second.errors![0]!.extensions!['details']).toEqual({ existingRequestId: first.id });
    expect(await rights.app.deps.requests.model.countDocuments({ workspaceId: t.workspaceId, kind: 'RESTRICTION' })).toBe(1);
    const lift = await rights.gql(t.admin, LIFT, { input: { workspaceId: t.workspaceId, respondentId } });
    expect(lift.errors).toBeUndefined();
  });

  test('a workspace MEMBER, or an ADMIN of another workspace, is FORBIDDEN to open or read a respondent request', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    expect(codeOf(await rights.gql(t.member, ERASE, { input: { workspaceId: t.workspaceId, respondentId } }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.outsider, ERASE, { input: { workspaceId: t.workspaceId, respondentId } }))).toBe('FORBIDDEN');
    expect(await rights.app.deps.requests.model.countDocuments({ workspaceId: t.workspaceId, 'subjectId': respondentId })).toBe(0);

    const request = (await rights.gql(t.admin, ERASE, { input: { workspaceId: t.workspaceId, respondentId } })).data!['requestErasure'];
    expect(codeOf(await rights.gql(t.member, GET, { id: request.id }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.outsider, GET, { id: request.id }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(null, GET, { id: request.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await rights.gql(t.member, WORKSPACE_REQUESTS, { r: [{ __typename: 'Workspace', id: t.workspaceId }] }))).toBe('FORBIDDEN');

    const listed = await rights.gql(t.admin, WORKSPACE_REQUESTS, { r: [{ __typename: 'Workspace', id: t.workspaceId }] });
    expect(listed.data!['_entities'][0].rightsRequests.map((r: { id: string }) => r.id)).toContain(request.id);
  });

  test('a request about a user is visible to that user only, and listed on their User entity', async () => {
    const t = newTenant();
    const user = newUser();
    const request = (await rights.gql(user, LIFT, { input: { workspaceId: null, respondentId: null } })).data!['liftRestriction'];
    expect((await rights.gql(user, GET, { id: request.id })).data!['rightsRequest'].id).toBe(request.id);
    expect(codeOf(await rights.gql(t.admin, GET, { id: request.id }))).toBe('NOT_FOUND');
    const mine = await rights.gql(user, USER_REQUESTS, { r: [{ __typename: 'User', id: user.userId }] });
    expect(mine.data!['_entities'][0].rightsRequests).toEqual([{ id: request.id, kind: 'LIFT_RESTRICTION' }]);
    expect(codeOf(await rights.gql(t.admin, USER_REQUESTS, { r: [{ __typename: 'User', id: user.userId }] }))).toBe('FORBIDDEN');
  });

  test.each([
    ['only a workspace id', (workspaceId: string) => ({ workspaceId })],
    ['only a respondent id', () => ({ respondentId: randomUUID() })],
    ['a respondent id that is not an id', (workspaceId: string) => ({ workspaceId, respondentId: 'jane.doe@example.com' })],
    ['a workspace id that is not an id', () => ({ workspaceId: 'acme', respondentId: randomUUID() })],
  ])('an input with %s is BAD_USER_INPUT and writes nothing', async (_, inputFor) => {
    const t = newTenant();
    const input = inputFor(t.workspaceId);
    const before = await rights.app.deps.requests.model.countDocuments({});
    const r = await rights.gql(t.admin, ERASE, { input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await rights.app.deps.requests.model.countDocuments({})).toBe(before);
  });

  test('an unknown or malformed request id is NOT_FOUND or BAD_USER_INPUT', async () => {
    const t = newTenant();
    expect(codeOf(await rights.gql(t.admin, GET, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await rights.gql(t.admin, GET, { id: 'nope' }))).toBe('BAD_USER_INPUT');
  });
});
