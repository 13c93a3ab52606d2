import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED } from '@verbatim/contracts';
import {
  createEventBus,
  createLogger,
  createOutboxRelay,
  createProcessedEventStore,
  ensureTopics,
  loadEventContracts,
  receiptModel,
  syncIndexes,
  type EventBus,
  type EventEnvelope,
  type OutboxRelay,
  type Principal,
} from '@verbatim/kit';
import { codeOf, gql, testInfra, uniqueName, waitFor } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import type { ConsentDeps } from '../src/domain/consents.js';
import { consentHandlers } from '../src/events/handlers.js';
import { createConsentRepository } from '../src/model/consent.repository.js';
import { createConsentServer } from '../src/server.js';

const infra = testInfra();
const log = createLogger('consent', 'silent');
const contracts = loadEventContracts();
const prefix = `${uniqueName('consent')}.`;

let conn: Connection;
let bus: EventBus;
let relay: OutboxRelay;
let deps: ConsentDeps;
let server: ReturnType<typeof createConsentServer>;
/** Plays reporting (reads consent changes) and rights (opens requests, reads acknowledgements). */
let observer: EventBus;
let rights: EventBus;
const seen: EventEnvelope[] = [];

const workspaceId = randomUUID();
const otherWorkspaceId = randomUUID();
const member: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
const otherMember: Principal = { userId: randomUUID(), workspaces: { [otherWorkspaceId]: 'ADMIN' } };

const FIELDS = 'id workspaceId subjectType subjectId purpose status source grantedAt withdrawnAt history { status source at }';
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawConsent(id: $id) { ${FIELDS} } }`;
const RESPONDENT_CONSENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Respondent { consents { id workspaceId purpose status } } } }`;
const USER_CONSENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { consents { id purpose status } } } }`;

const consentInput = (overrides: Record<string, unknown> = {}) => ({
  workspaceId,
  subjectType: 'RESPONDENT',
  subjectId: randomUUID(),
  purpose: 'ANALYSIS',
  source: 'post-purchase survey',
  ...overrides,
});

const changesOf = (consentId: string) => seen.filter((e) => e.type === 'consent.consent-changed' && e.payload['consentId'] === consentId);

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('consent'))).asPromise();
  bus = createEventBus({ service: 'consent', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await ensureTopics(bus.admin(), contracts.topics, prefix);
  const consents = createConsentRepository(conn);
  relay = createOutboxRelay({ models: [consents.model], publisher: bus, log, intervalMs: 100 });
  deps = { consents, events: bus, relay, log };
  await syncIndexes(conn);
  relay.start();
  await bus.consume(consentHandlers({ conn, bus, relay, consents }), createProcessedEventStore(conn));
  observer = createEventBus({ service: 'reporting', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  const collect = async (e: EventEnvelope) => void seen.push(e);
  await observer.consume({ [CONSENT_CHANGED]: collect, [RIGHTS_ACKNOWLEDGED]: collect }, createProcessedEventStore(conn));
  rights = createEventBus({ service: 'rights', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  server = createConsentServer({ ...deps, maxDepth: 12 });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await relay?.stop();
  await rights?.stop();
  await observer?.stop();
  await bus?.stop();
  await conn?.dropDatabase();
  await conn?.close();
});

describe('consent on the real broker and database', () => {
  test('recording, withdrawing and renewing a consent each emit consent-changed, and the history keeps every change', async () => {
    const input = consentInput();
    const granted = await gql(server, member, RECORD, { input });
    expect(granted.errors).toBeUndefined();
    const consent = granted.data!['recordConsent'];
    expect(consent).toMatchObject({ workspaceId, subjectType: 'RESPONDENT', subjectId: input.subjectId, purpose: 'ANALYSIS', status: 'GRANTED', withdrawnAt: null });
    const grantEvent = await waitFor(async () => changesOf(consent.id)[0], { what: 'the GRANTED event' });
    expect(grantEvent.source).toBe('consent');
    expect(grantEvent.subjectId).toBe(input.subjectId);
    expect(grantEvent.payload).toEqual({ consentId: consent.id, workspaceId, subjectType: 'RESPONDENT', subjectId: input.subjectId, purpose: 'ANALYSIS', status: 'GRANTED' });

    const withdrawn = (await gql(server, member, WITHDRAW, { id: consent.id })).data!['withdrawConsent'];
    expect(withdrawn).toMatchObject({ id: consent.id, status: 'WITHDRAWN' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    await waitFor(async () => changesOf(consent.id).some((e) => e.payload['status'] === 'WITHDRAWN'), { what: 'the WITHDRAWN event' });

    // Withdrawing again changes nothing: no history entry, no event queued.
    const again = (await gql(server, member, WITHDRAW, { id: consent.id })).data!['withdrawConsent'];
    expect(again.history).toHaveLength(2);
    expect((await deps.consents.findById(consent.id))?.outboxSeq).toBe(2);

    const renewed = (await gql(server, member, RECORD, { input: { ...input, source: 'phone call' } })).data!['recordConsent'];
    expect(renewed).toMatchObject({ id: consent.id, status: 'GRANTED', source: 'phone call', withdrawnAt: null });
    expect(renewed.history.map((h: { status: string }) => h.status)).toEqual(['GRANTED', 'WITHDRAWN', 'GRANTED']);
    await waitFor(async () => changesOf(consent.id).length >= 3, { what: 'the renewal event' });
    expect(changesOf(consent.id).map((e) => e.payload['status'])).toEqual(['GRANTED', 'WITHDRAWN', 'GRANTED']);
    expect(await deps.consents.model.countDocuments({ subjectId: input.subjectId })).toBe(1);
  });

  test('a USER consent can be recorded only by that user, and User.consents is readable by that user only', async () => {
    const forOther = await gql(server, member, RECORD, { input: consentInput({ subjectType: 'USER', subjectId: otherMember.userId }) });
    expect(codeOf(forOther)).toBe('FORBIDDEN');
    const own = await gql(server, member, RECORD, { input: consentInput({ subjectType: 'USER', subjectId: member.userId, purpose: 'CONTACT' }) });
    expect(own.errors).toBeUndefined();
    const mine = await gql(server, member, USER_CONSENTS, { r: [{ __typename: 'User', id: member.userId }] });
    expect(mine.data!['_entities'][0].consents).toEqual([{ id: own.data!['recordConsent'].id, purpose: 'CONTACT', status: 'GRANTED' }]);
    expect(codeOf(await gql(server, otherMember, USER_CONSENTS, { r: [{ __typename: 'User', id: member.userId }] }))).toBe('FORBIDDEN');
  });

  test('a caller outside the workspace is FORBIDDEN to record or withdraw its consents, and anonymous callers are UNAUTHENTICATED', async () => {
    const input = consentInput();
    expect(codeOf(await gql(server, otherMember, RECORD, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, null, RECORD, { input }))).toBe('UNAUTHENTICATED');
    expect(await deps.consents.model.countDocuments({ subjectId: input.subjectId })).toBe(0);
    const consent = (await gql(server, member, RECORD, { input })).data!['recordConsent'];
    expect(codeOf(await gql(server, otherMember, WITHDRAW, { id: consent.id }))).toBe('FORBIDDEN');
    expect((await deps.consents.findById(consent.id))?.status).toBe('GRANTED');
  });

  test('Respondent.consents shows only the consents of the caller\'s own workspaces', async () => {
    const respondentId = randomUUID();
    await gql(server, member, RECORD, { input: consentInput({ subjectId: respondentId }) });
    await gql(server, otherMember, RECORD, { input: consentInput({ subjectId: respondentId, workspaceId: otherWorkspaceId, purpose: 'AI_PROCESSING' }) });
    const r = [{ __typename: 'Respondent', id: respondentId }];
    const mine = (await gql(server, member, RESPONDENT_CONSENTS, { r })).data!['_entities'][0].consents;
    expect(mine).toEqual([expect.objectContaining({ workspaceId, purpose: 'ANALYSIS' })]);
    const theirs = (await gql(server, otherMember, RESPONDENT_CONSENTS, { r })).data!['_entities'][0].consents;
    expect(theirs).toEqual([expect.objectContaining({ workspaceId: otherWorkspaceId, purpose: 'AI_PROCESSING' })]);
  });

  test.each([
    ['a subject id that is not an id', { subjectId: 'jane.doe@example.com' }],
    ['an empty source', { source: '' }],
    ['a source over 200 characters', { source: 'x'.repeat(201) }],
  ])('an input with %s is BAD_USER_INPUT and writes nothing', async (_, change) => {
    const before = await deps.consents.model.countDocuments({});
    expect(codeOf(await gql(server, member, RECORD, { input: consentInput(change) }))).toBe('BAD_USER_INPUT');
    expect(await deps.consents.model.countDocuments({})).toBe(before);
  });

  test('withdrawing an unknown consent is NOT_FOUND and a malformed id is BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(server, member, WITHDRAW, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, member, WITHDRAW, { id: 'abc' }))).toBe('BAD_USER_INPUT');
  });

  test('an erasure request deletes the respondent\'s consents in that workspace only, and is acknowledged with the count', async () => {
    const respondentId = randomUUID();
    for (const purpose of ['ANALYSIS', 'AI_PROCESSING']) await gql(server, member, RECORD, { input: consentInput({ subjectId: respondentId, purpose }) });
    await gql(server, otherMember, RECORD, { input: consentInput({ subjectId: respondentId, workspaceId: otherWorkspaceId }) });
    const requestId = randomUUID();
    await rights.publish(RIGHTS_OPENED, respondentId, { requestId, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId });

    const ack = await waitFor(async () => seen.find((e) => e.type === 'rights.request-acknowledged' && e.payload['requestId'] === requestId), { what: 'the acknowledgement' });
    expect(ack.source).toBe('consent');
    expect(ack.payload).toMatchObject({ service: 'consent', kind: 'ERASURE', outcome: 'DONE', counts: [{ collection: 'consents', action: 'DELETED', count: 2 }] });
    expect(await deps.consents.model.countDocuments({ subjectId: respondentId, workspaceId })).toBe(0);
    expect(await deps.consents.model.countDocuments({ subjectId: respondentId, workspaceId: otherWorkspaceId })).toBe(1);
    const receipt = await receiptModel(conn).findById(requestId).lean<Record<string, unknown>>();
    expect(JSON.stringify(receipt)).not.toContain(respondentId);
  });

  test('an erasure of a user deletes their consents in every workspace; a restriction changes nothing and is still acknowledged', async () => {
    const user: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER', [otherWorkspaceId]: 'MEMBER' } };
    await gql(server, user, RECORD, { input: consentInput({ subjectType: 'USER', subjectId: user.userId }) });
    await gql(server, user, RECORD, { input: consentInput({ subjectType: 'USER', subjectId: user.userId, workspaceId: otherWorkspaceId }) });

    const restriction = randomUUID();
    await rights.publish(RIGHTS_OPENED, user.userId, { requestId: restriction, kind: 'RESTRICTION', subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    const restrictAck = await waitFor(async () => seen.find((e) => e.payload['requestId'] === restriction), { what: 'the restriction acknowledgement' });
    expect(restrictAck.payload).toMatchObject({ service: 'consent', kind: 'RESTRICTION', outcome: 'DONE', counts: [] });
    expect(await deps.consents.model.countDocuments({ subjectId: user.userId })).toBe(2);

    const erasure = randomUUID();
    await rights.publish(RIGHTS_OPENED, user.userId, { requestId: erasure, kind: 'ERASURE', subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    const eraseAck = await waitFor(async () => seen.find((e) => e.payload['requestId'] === erasure), { what: 'the erasure acknowledgement' });
    expect(eraseAck.payload['counts']).toEqual([{ collection: 'consents', action: 'DELETED', count: 2 }]);
    expect(await deps.consents.model.countDocuments({ subjectId: user.userId })).toBe(0);
  });
});
