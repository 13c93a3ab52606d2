import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HOLDERS as EXPECTED_SERVICES, RIGHTS_ACKNOWLEDGED, RIGHTS_COMPLETED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind, type SubjectType } from '@verbatim/contracts';
import { localProofKeys, signedAcknowledgement, type ServiceSigner } from '@verbatim/kit';
import { codeOf, newTenant, newTestSigner, newUser, servePublishedKeys, startTestService, waitFor, type EventObserver, type PublishedKeys, type TestService } from '@verbatim/kit/testing';
import { createRights, type Rights } from '../src/app.js';
import { CertificateInvalid, verifyCertificate } from '../src/domain/certificate.js';
import { subjectDigest } from '../src/domain/digest.js';
import { testWorkflowConfig } from './workflow-config.js';

const digestKey = 'a1'.repeat(32);

let rights: TestService<Rights>;
/** Plays the holders: reads what rights publishes (they acknowledge through rights.as(service)). */
let seen: EventObserver;
/** The holders' signers, whose public keys are served as the running holders serve theirs. */
const holders = new Map<HolderName, ServiceSigner>();
let published: PublishedKeys;

const FIELDS = 'id kind subjectType subjectId subjectDigest workspaceId status requestedAt dueAt completedAt durationMs expectedServices certificate acknowledgements { service outcome counts { collection action count } executedAt receipt }';
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { ${FIELDS} } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { ${FIELDS} } }`;
const LIFT = `mutation($input: RightsRequestInput!) { liftRestriction(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { rightsRequest(id: $id) { ${FIELDS} } }`;
const WORKSPACE_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { rightsRequests { id kind } } } }`;
const USER_REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { rightsRequests { id kind } } } }`;

/** A request as the holders received it on rights.request-opened.v1. */
interface Opened {
  id: string;
  kind: RightsKind;
  subjectType: SubjectType;
  subjectId: string;
}

/** What `service` acknowledges for `request`, with its receipt signed by `signer` (the holder's own key by default). */
function ackOf(service: HolderName, request: Opened, counts: ActionCount[] = [], signer = holders.get(service)!) {
  const opened = { requestId: request.id, kind: request.kind, subjectType: request.subjectType, subjectId: request.subjectId, subjectDigest: subjectDigest(digestKey, request.subjectType, request.subjectId) };
  return signedAcknowledgement(signer, service, opened, 'DONE', counts, new Date());
}

async function acknowledge(service: HolderName, request: Opened, counts: ActionCount[] = []) {
  return rights.as(service).publish(RIGHTS_ACKNOWLEDGED, request.id, await ackOf(service, request, counts));
}

const stored = (id: string) => rights.app.deps.requests.model.findById(id).lean<Record<string, unknown>>();

/** Every service's published keys, as `pnpm verify-certificate` reads them. */
const keysOf = (service: string) => localProofKeys(service === 'rights' ? rights.signer.jwks() : holders.get(service as HolderName)!.jwks());

beforeAll(async () => {
  for (const holder of EXPECTED_SERVICES) holders.set(holder, await newTestSigner(holder));
  published = await servePublishedKeys([...holders.values()]);
  const config = { ...testWorkflowConfig, RIGHTS_DIGEST_KEY: digestKey, RIGHTS_HOLDER_URLS: published.urls as Record<HolderName, string>, MAX_QUERY_DEPTH: 12 };
  rights = await startTestService('rights', (base) => createRights({ ...base, config }));
  seen = await rights.observe([RIGHTS_OPENED, RIGHTS_COMPLETED]);
});

afterAll(async () => {
  await rights?.stop();
  await published?.close();
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
    const digest = subjectDigest(digestKey, 'RESPONDENT', respondentId);
    expect(event.payload).toEqual({ requestId: request.id, kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, subjectDigest: digest, workspaceId: t.workspaceId });

    for (const service of EXPECTED_SERVICES) {
      await acknowledge(service, request, [{ collection: `${service}_things`, action: 'DELETED', count: 2 }]);
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
    expect(done.subjectDigest).toBe(digest);

    const completed = await seen.waitFor((e) => e.type === 'rights.request-completed' && e.payload['requestId'] === request.id, 'request-completed on Kafka');
    expect(completed.payload).toMatchObject({ kind: 'ERASURE', subjectType: 'RESPONDENT', subjectId: respondentId, services: [...EXPECTED_SERVICES], certificate: done.certificate });

    // The certificate holds every holder's receipt as signed, names the subject by digest only, and verifies offline.
    expect(done.certificate).not.toContain(respondentId);
    const { certificate, receipts } = await verifyCertificate(done.certificate, keysOf);
    expect(certificate).toMatchObject({ iss: 'verbatim:rights', sub: digest, requestId: request.id, right: 'ERASURE', subjectType: 'RESPONDENT', holders: [...EXPECTED_SERVICES] });
    expect(certificate.receipts).toEqual(EXPECTED_SERVICES.map((s) => done.acknowledgements.find((a: { service: string }) => a.service === s).receipt));
    expect(receipts.map((r) => [r.holder, r.iss, r.sub, r.outcome])).toEqual(EXPECTED_SERVICES.map((s) => [s, `verbatim:${s}`, digest, 'DONE']));
    expect(JSON.stringify({ certificate, receipts })).not.toContain(respondentId);


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
    await Promise.all(EXPECTED_SERVICES.map((s) => acknowledge(s, request, deleted(s))));
    await waitFor(async () => (await stored(request.id))?.['status'] === 'COMPLETED' && (await stored(request.id))?.['outboxPending'] === false, { what: 'completion' });
    const doc = await stored(request.id);
    expect(doc?.['subjectDigest']).toBe(subjectDigest(digestKey, 'USER', user.userId));
    expect(JSON.stringify(doc)).not.toContain(user.userId);
  });

  test('a duplicate acknowledgement is idempotent: the request counts each service once and stays in progress', async () => {
    const user = newUser();
    const request = (await rights.gql(user, RESTRICT, { input: {} })).data!['requestRestriction'];
    const first = await acknowledge('identity', request, [{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
    // The same event redelivered, and a second event from the same service.
    await rights.as('identity').publishEnvelope(RIGHTS_ACKNOWLEDGED, request.id, first);
    await acknowledge('identity', request, [{ collection: 'users', action: 'RESTRICTED', count: 0 }]);
    // Same key, same partition: once this later ack is recorded, the duplicates before it were handled.
    await acknowledge('ingestion', request);
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

describe('signed acknowledgements: only a holder\'s own signed receipt counts', () => {
  /** An erasure every holder but identity acknowledged genuinely (identity: deleted the record). */
  async function erasureAwaitingIdentity() {
    const t = newTenant();
    const request: Opened = (await rights.gql(t.admin, ERASE, { input: { workspaceId: t.workspaceId, respondentId: randomUUID() } })).data!['requestErasure'];
    for (const s of EXPECTED_SERVICES.filter((s) => s !== 'identity')) await acknowledge(s, request, [{ collection: `${s}_things`, action: 'DELETED', count: 1 }]);
    return { t, request };
  }

  /** Waits for rights to refuse event `eventId`; the request's other acks (same key, same partition) came before it. */
  async function refusalOf(requestId: string, eventId: string) {
    return waitFor(async () => (await rights.app.deps.refusals.ofRequest(requestId)).find((r) => r._id === eventId), { what: `refusal of ${eventId}` });
  }

  async function expectNotCompletedWithout(requestId: string, missing: HolderName) {
    const doc = await stored(requestId);
    expect(doc?.['status']).toBe('IN_PROGRESS');
    expect(doc?.['certificate']).toBeNull();
    expect((doc?.['acknowledgements'] as Array<{ service: string }>).map((a) => a.service).sort()).toEqual(EXPECTED_SERVICES.filter((s) => s !== missing).sort());
  }

  test('a forged acknowledgement (signed with a key identity does not publish) is refused, logged and completes nothing', async () => {
    const { request } = await erasureAwaitingIdentity();
    const forger = await newTestSigner('identity');
    const forged = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, request.id, await ackOf('identity', request, [{ collection: 'users', action: 'DELETED', count: 1 }], forger));
    const refusal = await refusalOf(request.id, forged.id);
    expect(refusal).toMatchObject({ source: 'identity', service: 'identity', reason: 'BAD_SIGNATURE', detail: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(JSON.stringify(refusal)).not.toContain(request.subjectId);
    await expectNotCompletedWithout(request.id, 'identity');

    // The genuine one completes it: the forgery was all that was missing.
    await acknowledge('identity', request, [{ collection: 'users', action: 'DELETED', count: 1 }]);
    await waitFor(async () => (await stored(request.id))?.['status'] === 'COMPLETED', { what: 'completion' });
  });

  test('a receipt whose signature does not match its content, or whose payload says more than it signed, is refused', async () => {
    const { request } = await erasureAwaitingIdentity();
    const genuine = await ackOf('identity', request, [{ collection: 'users', action: 'DELETED', count: 0 }]);
    // Same signature, claims changed (count 0 -> 1): the JWS no longer verifies.
    const [header, body, signature] = genuine.receipt.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    claims.counts[0].count = 1;
    const tampered = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, request.id, {
      ...genuine,
      counts: claims.counts,
      receipt: `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
    });
    expect(await refusalOf(request.id, tampered.id)).toMatchObject({ reason: 'BAD_SIGNATURE', detail: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    const inflated = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, request.id, { ...genuine, counts: [{ collection: 'users', action: 'DELETED', count: 1 }] });
    expect(await refusalOf(request.id, inflated.id)).toMatchObject({ reason: 'PAYLOAD_MISMATCH' });
    await expectNotCompletedWithout(request.id, 'identity');
  });

  test('an acknowledgement from another source than the holder it names is refused, even with that holder\'s genuine receipt', async () => {
    const { request } = await erasureAwaitingIdentity();
    const genuine = await ackOf('identity', request, [{ collection: 'users', action: 'DELETED', count: 1 }]);
    const relayed = await rights.as('ingestion').publish(RIGHTS_ACKNOWLEDGED, request.id, genuine);
    expect(await refusalOf(request.id, relayed.id)).toMatchObject({ source: 'ingestion', service: 'identity', reason: 'SOURCE_NOT_HOLDER' });
    // Ingestion's own key, naming identity: signed by the wrong holder.
    const posing = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, request.id, await ackOf('identity', request, [], holders.get('ingestion')!));
    expect(await refusalOf(request.id, posing.id)).toMatchObject({ source: 'identity', reason: 'BAD_SIGNATURE' });
    await expectNotCompletedWithout(request.id, 'identity');
  });

  test('a replayed receipt, for another request or a second time, is refused and completes nothing', async () => {
    const { request } = await erasureAwaitingIdentity();
    const { request: other } = await erasureAwaitingIdentity();
    // Identity's genuine receipt for the other request, sent as this request's acknowledgement.
    const receiptOfOther = await ackOf('identity', other, [{ collection: 'users', action: 'DELETED', count: 1 }]);
    const replayed = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, request.id, { ...receiptOfOther, requestId: request.id });
    expect(await refusalOf(request.id, replayed.id)).toMatchObject({ reason: 'OTHER_REQUEST' });
    await expectNotCompletedWithout(request.id, 'identity');

    // The same restriction receipt (same jti) sent twice in two events: the second is refused as a replay.
    const user = newUser();
    const restriction: Opened = (await rights.gql(user, RESTRICT, { input: {} })).data!['requestRestriction'];
    const once = await ackOf('identity', restriction, [{ collection: 'users', action: 'RESTRICTED', count: 1 }]);
    await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, restriction.id, once);
    const twice = await rights.as('identity').publish(RIGHTS_ACKNOWLEDGED, restriction.id, once);
    expect(await refusalOf(restriction.id, twice.id)).toMatchObject({ reason: 'REPLAYED' });
    const doc = await stored(restriction.id);
    expect(doc?.['acknowledgements']).toHaveLength(1);
    expect(doc?.['status']).toBe('IN_PROGRESS');
  });

  test('a tampered certificate, or one checked against other keys, does not verify', async () => {
    const user = newUser();
    const request: Opened & { certificate?: string } = (await rights.gql(user, RESTRICT, { input: {} })).data!['requestRestriction'];
    await Promise.all(EXPECTED_SERVICES.map((s) => acknowledge(s, request)));
    const certificate = await waitFor(async () => (await stored(request.id))?.['certificate'] as string | undefined, { what: 'the certificate' });
    await expect(verifyCertificate(certificate, keysOf)).resolves.toMatchObject({ certificate: { right: 'RESTRICTION' } });

    const [header, body, signature] = certificate.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const tamper = (change: (c: any) => void) => {
      const copy = structuredClone(claims);
      change(copy);
      return `${header}.${Buffer.from(JSON.stringify(copy)).toString('base64url')}.${signature}`;
    };
    await expect(verifyCertificate(tamper((c) => (c.completedAt = new Date(0).toISOString())), keysOf)).rejects.toThrow(CertificateInvalid);
    await expect(verifyCertificate(tamper((c) => c.receipts.pop()), keysOf)).rejects.toThrow(/certificate: signature not valid/);
    const stranger = await newTestSigner('rights');
    await expect(verifyCertificate(certificate, (s) => (s === 'rights' ? localProofKeys(stranger.jwks()) : keysOf(s)))).rejects.toThrow(/certificate: signature not valid/);
    // Re-signed by rights with a receipt missing: rights' signature holds, the receipts do not.
    const partial = await rights.signer.sign({ ...claims, holders: claims.holders, receipts: claims.receipts.slice(1) }, { typ: 'rights-certificate+jwt', subject: claims.sub });
    await expect(verifyCertificate(partial, keysOf)).rejects.toThrow(/no receipt of/);
  });
});
