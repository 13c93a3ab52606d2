import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED } from '@verbatim/contracts';
import { localProofKeys, receiptModel, RIGHTS_RECEIPT_TYP, verifyServiceProof, type Principal } from '@verbatim/kit';
import { codeOf, newTenant, waitFor, startTestService, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createConsent, type Consent } from '../src/app.js';

let service: TestService<Consent>;
/** Plays reporting (reads consent changes) and rights (reads acknowledgements). */
let seen: EventObserver;

const FIELDS = 'id workspaceId subjectType subjectId purpose status source grantedAt withdrawnAt history { status source at }';
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawConsent(id: $id) { ${FIELDS} } }`;
const RESPONDENT_CONSENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Respondent { consents { id workspaceId purpose status } } } }`;
const USER_CONSENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { consents { id purpose status } } } }`;

const NOTICE_TEXT = 'Acme may analyse your answers to improve its service. You can withdraw at any time.';
const PROOF_SHA256 = createHash('sha256').update('signed form #81').digest('hex');

const consentInput = (t: TestTenant, overrides: Record<string, unknown> = {}) => ({
  workspaceId: t.workspaceId,
  subjectType: 'RESPONDENT',
  subjectId: randomUUID(),
  purpose: 'ANALYSIS',
  source: 'post-purchase survey',
  method: 'WEB_FORM',
  evidence: { text: NOTICE_TEXT, proofSha256: PROOF_SHA256 },
  ...overrides,
});

/** The outsider's own workspace. */
const otherWorkspaceId = (t: TestTenant) => Object.keys(t.outsider.workspaces)[0]!;
const changesOf = (consentId: string) => seen.events.filter((e) => e.type === 'consent.consent-changed' && e.payload['consentId'] === consentId);
const consents = () => service.app.deps.consents;

beforeAll(async () => {
  service = await startTestService('consent', (base) => createConsent({ ...base, config: { MAX_QUERY_DEPTH: 12 } }));
  seen = await service.observe([CONSENT_CHANGED, RIGHTS_ACKNOWLEDGED]);
});

afterAll(async () => {
  await service?.stop();
});

describe('consent on the real broker and database', () => {
  test('recording, withdrawing and renewing a consent each emit consent-changed, and the history keeps every change', async () => {
    const t = newTenant();
    const input = consentInput(t);
    const granted = await service.gql(t.member, RECORD, { input });
    expect(granted.errors).toBeUndefined();
    const consent = granted.data!['recordConsent'];
    expect(consent).toMatchObject({ workspaceId: t.workspaceId, subjectType: 'RESPONDENT', subjectId: input.subjectId, purpose: 'ANALYSIS', status: 'GRANTED', withdrawnAt: null });
    const grantEvent = await waitFor(async () => changesOf(consent.id)[0], { what: 'the GRANTED event' });
    expect(grantEvent.source).toBe('consent');
    expect(grantEvent.subjectId).toBe(input.subjectId);
    expect(grantEvent.payload).toEqual({ consentId: consent.id, workspaceId: t.workspaceId, subjectType: 'RESPONDENT', subjectId: input.subjectId, purpose: 'ANALYSIS', status: 'GRANTED' });

    const withdrawn = (await service.gql(t.member, WITHDRAW, { id: consent.id })).data!['withdrawConsent'];
    expect(withdrawn).toMatchObject({ id: consent.id, status: 'WITHDRAWN' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    await waitFor(async () => changesOf(consent.id).some((e) => e.payload['status'] === 'WITHDRAWN'), { what: 'the WITHDRAWN event' });

    // Withdrawing again changes nothing: no history entry, no event queued.
    const again = (await service.gql(t.member, WITHDRAW, { id: consent.id })).data!['withdrawConsent'];
    expect(again.history).toHaveLength(2);
    expect((await consents().findById(consent.id))?.outboxSeq).toBe(2);

    const renewed = (await service.gql(t.member, RECORD, { input: { ...input, source: 'phone call' } })).data!['recordConsent'];
    expect(renewed).toMatchObject({ id: consent.id, status: 'GRANTED', source: 'phone call', withdrawnAt: null });
    expect(renewed.history.map((h: { status: string }) => h.status)).toEqual(['GRANTED', 'WITHDRAWN', 'GRANTED']);
    await waitFor(async () => changesOf(consent.id).length >= 3, { what: 'the renewal event' });
    expect(changesOf(consent.id).map((e) => e.payload['status'])).toEqual(['GRANTED', 'WITHDRAWN', 'GRANTED']);
    expect(await consents().model.countDocuments({ subjectId: input.subjectId })).toBe(1);
  });

  test('a USER consent can be recorded only by that user, and User.consents is readable by that user only', async () => {
    const t = newTenant();
    const forOther = await service.gql(t.member, RECORD, { input: consentInput(t, { subjectType: 'USER', subjectId: t.outsider.userId }) });
    expect(codeOf(forOther)).toBe('FORBIDDEN');
    const own = await service.gql(t.member, RECORD, { input: consentInput(t, { subjectType: 'USER', subjectId: t.member.userId, purpose: 'CONTACT' }) });
    expect(own.errors).toBeUndefined();
    const mine = await service.gql(t.member, USER_CONSENTS, { r: [{ __typename: 'User', id: t.member.userId }] });
    expect(mine.data!['_entities'][0].consents).toEqual([{ id: own.data!['recordConsent'].id, purpose: 'CONTACT', status: 'GRANTED' }]);
    expect(codeOf(await service.gql(t.outsider, USER_CONSENTS, { r: [{ __typename: 'User', id: t.member.userId }] }))).toBe('FORBIDDEN');
  });

  test('a caller outside the workspace is FORBIDDEN to record or withdraw its consents, and anonymous callers are UNAUTHENTICATED', async () => {
    const t = newTenant();
    const input = consentInput(t);
    expect(codeOf(await service.gql(t.outsider, RECORD, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await service.gql(null, RECORD, { input }))).toBe('UNAUTHENTICATED');
    expect(await consents().model.countDocuments({ subjectId: input.subjectId })).toBe(0);
    const consent = (await service.gql(t.member, RECORD, { input })).data!['recordConsent'];
    expect(codeOf(await service.gql(t.outsider, WITHDRAW, { id: consent.id }))).toBe('FORBIDDEN');
    expect((await consents().findById(consent.id))?.status).toBe('GRANTED');
  });

  test('Respondent.consents shows only the consents of the caller\'s own workspaces', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    await service.gql(t.member, RECORD, { input: consentInput(t, { subjectId: respondentId }) });
    await service.gql(t.outsider, RECORD, { input: consentInput(t, { subjectId: respondentId, workspaceId: otherWorkspaceId(t), purpose: 'AI_PROCESSING' }) });
    const r = [{ __typename: 'Respondent', id: respondentId }];
    const mine = (await service.gql(t.member, RESPONDENT_CONSENTS, { r })).data!['_entities'][0].consents;
    expect(mine).toEqual([expect.objectContaining({ workspaceId: t.workspaceId, purpose: 'ANALYSIS' })]);
    const theirs = (await service.gql(t.outsider, RESPONDENT_CONSENTS, { r })).data!['_entities'][0].consents;
    expect(theirs).toEqual([expect.objectContaining({ workspaceId: otherWorkspaceId(t), purpose: 'AI_PROCESSING' })]);
  });

  test.each([
    ['a subject id that is not an id', { subjectId: 'jane.doe@example.com' }],
    ['an empty source', { source: '' }],
    ['a source over 200 characters', { source: 'x'.repeat(201) }],
  ])('an input with %s is BAD_USER_INPUT and writes nothing', async (_, change) => {
    const t = newTenant();
    const before = await consents().model.countDocuments({});
    expect(codeOf(await service.gql(t.member, RECORD, { input: consentInput(t, change) }))).toBe('BAD_USER_INPUT');
    expect(await consents().model.countDocuments({})).toBe(before);
  });

  test('withdrawing an unknown consent is NOT_FOUND and a malformed id is BAD_USER_INPUT', async () => {
    const t = newTenant();
    expect(codeOf(await service.gql(t.member, WITHDRAW, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await service.gql(t.member, WITHDRAW, { id: 'abc' }))).toBe('BAD_USER_INPUT');
  });

  test('an erasure request deletes the respondent\'s consents in that workspace only, and is acknowledged with the count', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    for (const purpose of ['ANALYSIS', 'AI_PROCESSING']) await service.gql(t.member, RECORD, { input: consentInput(t, { subjectId: respondentId, purpose }) });
    await service.gql(t.outsider, RECORD, { input: consentInput(t, { subjectId: respondentId, workspaceId: otherWorkspaceId(t) }) });
    const requestId = randomUUID();
    const subjectDigest = 'd1'.repeat(32);
    await service.as('rights').publish(RIGHTS_OPENED, respondentId, { requestId, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, subjectDigest, workspaceId: t.workspaceId });

    const ack = await seen.waitFor((e) => e.type === 'rights.request-acknowledged' && e.payload['requestId'] === requestId, 'the acknowledgement');
    expect(ack.source).toBe('consent');
    expect(ack.payload).toMatchObject({ service: 'consent', kind: 'ERASURE', outcome: 'DONE', counts: [{ collection: 'consents', action: 'DELETED', count: 2 }] });
    // The acknowledgement's receipt is signed with consent's published key and names the subject by digest only.
    const signed = await verifyServiceProof(String(ack.payload['receipt']), localProofKeys(service.signer.jwks()), { service: 'consent', typ: RIGHTS_RECEIPT_TYP });
    expect(signed).toMatchObject({ iss: 'verbatim:consent', sub: subjectDigest, requestId, holder: 'consent', kind: 'ERASURE', subjectType: 'RESPONDENT', outcome: 'DONE', counts: ack.payload['counts'] });
    expect(JSON.stringify(signed)).not.toContain(respondentId);
    expect(await consents().model.countDocuments({ subjectId: respondentId, workspaceId: t.workspaceId })).toBe(0);
    expect(await consents().model.countDocuments({ subjectId: respondentId, workspaceId: otherWorkspaceId(t) })).toBe(1);
    const receipt = await receiptModel(service.conn).findById(requestId).lean<Record<string, unknown>>();
    expect(JSON.stringify(receipt)).not.toContain(respondentId);
  });

  test('an erasure of a member who recorded a respondent\'s consent leaves the consent but no trace of the member as its collector', async () => {
    const t = newTenant();
    const consent = (await service.gql(t.member, RECORD, { input: consentInput(t) })).data!['recordConsent'];
    await service.gql(t.member, WITHDRAW, { id: consent.id });
    const erasure = randomUUID();
    await service.as('rights').publish(RIGHTS_OPENED, t.member.userId, { requestId: erasure, kind: 'ERASURE', subjectType: 'USER', subjectId: t.member.userId, workspaceId: null });
    const ack = await seen.waitFor((e) => e.payload['requestId'] === erasure, 'the erasure acknowledgement');
    expect(ack.payload['counts']).toEqual([
      { collection: 'consents', action: 'DELETED', count: 0 },
      { collection: 'consents', action: 'UPDATED', count: 1 },
    ]);
    const kept = await consents().findById(consent.id);
    expect(kept).toMatchObject({ collectedBy: null, status: 'WITHDRAWN' });
    expect(kept!.history.map((h) => h.by)).toEqual([null, null]);
    expect(JSON.stringify(kept)).not.toContain(t.member.userId);
  });

  test('an erasure of a user deletes their consents in every workspace; a restriction changes nothing and is still acknowledged', async () => {
    const t = newTenant();
    const user: Principal = { userId: randomUUID(), workspaces: { [t.workspaceId]: 'MEMBER', [otherWorkspaceId(t)]: 'MEMBER' }, platformRoles: [] };
    await service.gql(user, RECORD, { input: consentInput(t, { subjectType: 'USER', subjectId: user.userId }) });
    await service.gql(user, RECORD, { input: consentInput(t, { subjectType: 'USER', subjectId: user.userId, workspaceId: otherWorkspaceId(t) }) });

    const restriction = randomUUID();
    await service.as('rights').publish(RIGHTS_OPENED, user.userId, { requestId: restriction, kind: 'RESTRICTION', subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    const restrictAck = await seen.waitFor((e) => e.payload['requestId'] === restriction, 'the restriction acknowledgement');
    expect(restrictAck.payload).toMatchObject({ service: 'consent', kind: 'RESTRICTION', outcome: 'DONE', counts: [] });
    expect(await consents().model.countDocuments({ subjectId: user.userId })).toBe(2);

    const erasure = randomUUID();
    await service.as('rights').publish(RIGHTS_OPENED, user.userId, { requestId: erasure, kind: 'ERASURE', subjectType: 'USER', subjectId: user.userId, workspaceId: null });
    const eraseAck = await seen.waitFor((e) => e.payload['requestId'] === erasure, 'the erasure acknowledgement');
    expect(eraseAck.payload['counts']).toEqual([
      { collection: 'consents', action: 'DELETED', count: 2 },
      { collection: 'consents', action: 'UPDATED', count: 0 },
    ]);
    expect(await consents().model.countDocuments({ subjectId: user.userId })).toBe(0);
  });
});
