import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RIGHTS_ACCESS_SECTION, RIGHTS_OPENED } from '@verbatim/contracts';
import { localProofKeys, ProofRejected, verifyServiceProof } from '@verbatim/kit';
import { codeOf, newTenant, startTestService, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createConsent, type Consent } from '../src/app.js';
import { createNoticeResumer } from '../src/domain/notices.js';
import { CONSENT_RECEIPT_TYP, subjectDigest } from '../src/domain/receipts.js';

let service: TestService<Consent>;
let seen: EventObserver;

const FIELDS = 'id status method noticeVersion collectedBy collectedAt outdatedAt evidence { text textSha256 proofSha256 proofRef } history { status method noticeVersion by evidence { textSha256 proofRef } }';
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $input: WithdrawConsentInput) { withdrawConsent(id: $id, input: $input) { ${FIELDS} } }`;
const RECEIPT = `query($id: ID!) { consentReceipt(consentId: $id) { consentId jws record } }`;
const PUBLISH = `mutation($input: PublishConsentNoticeInput!) { publishConsentNotice(input: $input) { id version purposes textSha256 outdatedCount } }`;
const TO_RENEW = `query($w: ID!, $p: ConsentPurpose) { consentsToRenew(workspaceId: $w, purpose: $p) { id subjectId purpose status outdatedAt } }`;

const NOTICE = 'Acme may analyse your answers to improve its service. You can withdraw at any time.';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PROOF = sha256('signed form #81');

const input = (t: TestTenant, overrides: Record<string, unknown> = {}) => ({
  workspaceId: t.workspaceId,
  subjectType: 'RESPONDENT',
  subjectId: randomUUID(),
  purpose: 'ANALYSIS',
  source: 'post-purchase survey',
  method: 'WEB_FORM',
  evidence: { text: NOTICE, proofSha256: PROOF, proofRef: 'crm://forms/81' },
  ...overrides,
});

async function record(t: TestTenant, overrides: Record<string, unknown> = {}) {
  const r = await service.gql(t.member, RECORD, { input: input(t, overrides) });
  expect(r.errors).toBeUndefined();
  return r.data!['recordConsent'];
}

beforeAll(async () => {
  service = await startTestService('consent', (base) => createConsent({ ...base, config: { MAX_QUERY_DEPTH: 12 } }));
  seen = await service.observe([CONSENT_CHANGED, RIGHTS_ACCESS_SECTION]);
});

afterAll(async () => {
  await service?.stop();
});

describe('consent evidence', () => {
  test('a consent records its method, evidence (with the notice text hashed), collector, time and notice version', async () => {
    const t = newTenant();
    const consent = await record(t, { collectedAt: '2026-11-30T09:15:00Z' });
    expect(consent).toMatchObject({
      status: 'GRANTED',
      method: 'WEB_FORM',
      noticeVersion: 0,
      collectedBy: t.member.userId,
      collectedAt: '2026-11-30T09:15:00.000Z',
      evidence: { text: NOTICE, textSha256: sha256(NOTICE), proofSha256: PROOF, proofRef: 'crm://forms/81' },
    });
    expect(consent.history).toEqual([{ status: 'GRANTED', method: 'WEB_FORM', noticeVersion: 0, by: t.member.userId, evidence: { textSha256: sha256(NOTICE), proofRef: 'crm://forms/81' } }]);
  });

  test.each([
    ['no evidence at all', { evidence: undefined }],
    ['evidence without the text shown', { evidence: { text: '', proofSha256: PROOF } }],
    ['evidence with neither a proof hash nor a reference', { evidence: { text: NOTICE } }],
    ['a proof hash that is not a SHA-256', { evidence: { text: NOTICE, proofSha256: 'md5:abc' } }],
    ['a collection time in the future', { collectedAt: new Date(Date.now() + 86_400_000).toISOString() }],
    ['a notice version never published', { noticeVersion: 3 }],
  ])('a consent with %s is BAD_USER_INPUT and nothing is stored', async (_, change) => {
    const t = newTenant();
    const given = input(t, change);
    const r = await service.gql(t.member, RECORD, { input: given });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await service.app.deps.consents.model.countDocuments({ subjectId: given.subjectId })).toBe(0);
  });

  test('a withdrawal records its method and evidence; without input it is recorded as API, without evidence', async () => {
    const t = newTenant();
    const first = await record(t);
    const withdrawn = (await service.gql(t.member, WITHDRAW, { id: first.id, input: { method: 'WEB_FORM', evidence: { text: 'I withdraw my consent.', proofRef: 'crm://withdrawals/5' } } })).data!['withdrawConsent'];
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.history[1]).toEqual({ status: 'WITHDRAWN', method: 'WEB_FORM', noticeVersion: 0, by: t.member.userId, evidence: { textSha256: sha256('I withdraw my consent.'), proofRef: 'crm://withdrawals/5' } });

    const second = await record(t, { purpose: 'CONTACT' });
    const bare = (await service.gql(t.member, WITHDRAW, { id: second.id })).data!['withdrawConsent'];
    expect(bare.history[1]).toMatchObject({ status: 'WITHDRAWN', method: 'API', evidence: null });
  });
});

describe('consent receipts', () => {
  test('the receipt is the TS 27560 record signed by the consent service, and verifies with its published keys', async () => {
    const t = newTenant();
    const consent = await record(t);
    const r = await service.gql(t.member, RECEIPT, { id: consent.id });
    expect(r.errors).toBeUndefined();
    const receipt = r.data!['consentReceipt'];
    const payload = await verifyServiceProof(receipt.jws, localProofKeys(service.signer.jwks()), { service: 'consent', typ: CONSENT_RECEIPT_TYP });
    const subjectId = (await service.app.deps.consents.findById(consent.id))!.subjectId;
    const digest = subjectDigest(service.app.deps.digestKey, { workspaceId: t.workspaceId, subjectType: 'RESPONDENT', subjectId });
    expect(payload).toMatchObject({
      iss: 'verbatim:consent',
      sub: digest,
      schema_version: 'ISO/IEC TS 27560:2023',
      record_id: consent.id,
      controller: { id: `verbatim:workspace:${t.workspaceId}` },
      data_subject: { id: digest },
      notice: { version: 0, text_sha256: sha256(NOTICE), collection_method: 'WEB_FORM' },
      purposes: [{ purpose: 'ANALYSIS' }],
      processing: [expect.objectContaining({ purpose: 'ANALYSIS' })],
      state: 'dpv:ConsentGiven',
      events: [expect.objectContaining({ type: 'dpv:ConsentGiven', method: 'WEB_FORM', evidence: { text_sha256: sha256(NOTICE), proof_sha256: PROOF, proof_ref: 'crm://forms/81' } })],
    });
    // The receipt names nobody: neither the respondent nor the member who collected it.
    expect(receipt.jws).not.toContain(subjectId);
    expect(JSON.stringify(payload)).not.toContain(subjectId);
    expect(JSON.stringify(payload)).not.toContain(t.member.userId);
    expect(JSON.parse(receipt.record)).toEqual(Object.fromEntries(Object.entries(payload).filter(([k]) => !['iss', 'iat', 'jti', 'sub'].includes(k))));

    // A tampered record does not verify, nor does the receipt pass as another kind of proof.
    const [h, , s] = receipt.jws.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, state: 'dpv:ConsentWithdrawn' })).toString('base64url')}.${s}`;
    await expect(verifyServiceProof(forged, localProofKeys(service.signer.jwks()), { service: 'consent', typ: CONSENT_RECEIPT_TYP })).rejects.toBeInstanceOf(ProofRejected);
    await expect(verifyServiceProof(receipt.jws, localProofKeys(service.signer.jwks()), { service: 'consent', typ: 'rights-receipt+jwt' })).rejects.toBeInstanceOf(ProofRejected);
  });

  test('a receipt of another workspace\'s consent is FORBIDDEN, an unknown one NOT_FOUND, a user\'s own readable by that user only', async () => {
    const t = newTenant();
    const consent = await record(t);
    expect(codeOf(await service.gql(t.outsider, RECEIPT, { id: consent.id }))).toBe('FORBIDDEN');
    expect(codeOf(await service.gql(null, RECEIPT, { id: consent.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await service.gql(t.member, RECEIPT, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await service.gql(t.member, RECEIPT, { id: 'nope' }))).toBe('BAD_USER_INPUT');

    const own = (await service.gql(t.member, RECORD, { input: input(t, { subjectType: 'USER', subjectId: t.member.userId, purpose: 'CONTACT' }) })).data!['recordConsent'];
    expect((await service.gql(t.member, RECEIPT, { id: own.id })).errors).toBeUndefined();
    expect(codeOf(await service.gql(t.admin, RECEIPT, { id: own.id }))).toBe('FORBIDDEN');
  });

  test('an access request exports each consent with its signed receipt', async () => {
    const t = newTenant();
    const consent = await record(t);
    const subjectId = (await service.app.deps.consents.findById(consent.id))!.subjectId;
    const requestId = randomUUID();
    await service.as('rights').publish(RIGHTS_OPENED, subjectId, { requestId, kind: 'ACCESS', subjectType: 'RESPONDENT', subjectId, workspaceId: t.workspaceId });
    const section = await seen.waitFor((e) => e.type === 'rights.access-section' && e.payload['requestId'] === requestId, 'the access section');
    const docs = (section.payload['collections'] as Array<{ collection: string; documents: Array<Record<string, unknown>> }>).find((c) => c.collection === 'consents')!.documents;
    expect(docs).toHaveLength(1);
    const payload = await verifyServiceProof(docs[0]!['receipt'] as string, localProofKeys(service.signer.jwks()), { service: 'consent', typ: CONSENT_RECEIPT_TYP });
    expect(payload['record_id']).toBe(consent.id);
  });
});

describe('consent notices', () => {
  test('a notice changing a purpose outdates the consents given under older versions, lists them for renewal, and a renewal under it restores them', async () => {
    const t = newTenant();
    const analysis = await record(t);
    const contact = await record(t, { purpose: 'CONTACT' });

    const notice = (await service.gql(t.admin, PUBLISH, { input: { workspaceId: t.workspaceId, text: 'New terms: answers are also used to train models.', purposes: ['ANALYSIS'] } })).data!['publishConsentNotice'];
    expect(notice).toMatchObject({ version: 1, purposes: ['ANALYSIS'], textSha256: sha256('New terms: answers are also used to train models.'), outdatedCount: 1 });

    const stored = await service.app.deps.consents.findById(analysis.id);
    expect(stored).toMatchObject({ status: 'OUTDATED', noticeVersion: 0 });
    expect(stored!.history.at(-1)).toMatchObject({ status: 'OUTDATED', noticeVersion: 1, by: t.admin.userId, method: null });
    expect((await service.app.deps.consents.findById(contact.id))!.status).toBe('GRANTED');
    await seen.waitFor((e) => e.type === 'consent.consent-changed' && e.payload['consentId'] === analysis.id && e.payload['status'] === 'OUTDATED', 'the OUTDATED event');

    const toRenew = (await service.gql(t.member, TO_RENEW, { w: t.workspaceId })).data!['consentsToRenew'];
    expect(toRenew).toEqual([expect.objectContaining({ id: analysis.id, subjectId: stored!.subjectId, purpose: 'ANALYSIS', status: 'OUTDATED' })]);
    expect((await service.gql(t.member, TO_RENEW, { w: t.workspaceId, p: 'CONTACT' })).data!['consentsToRenew']).toEqual([]);
    expect(codeOf(await service.gql(t.outsider, TO_RENEW, { w: t.workspaceId }))).toBe('FORBIDDEN');

    const receipt = (await service.gql(t.member, RECEIPT, { id: analysis.id })).data!['consentReceipt'];
    expect(JSON.parse(receipt.record)).toMatchObject({ state: 'dpv:ConsentInvalidated' });

    // Collected under the old notice: refused. Under the new one: granted again, off the renewal list.
    const stale = await service.gql(t.member, RECORD, { input: input(t, { subjectId: stored!.subjectId, noticeVersion: 0 }) });
    expect(codeOf(stale)).toBe('BAD_USER_INPUT');
    const renewed = (await service.gql(t.member, RECORD, { input: input(t, { subjectId: stored!.subjectId, noticeVersion: 1, evidence: { text: 'New terms: answers are also used to train models.', proofRef: 'crm://forms/82' } }) })).data!['recordConsent'];
    expect(renewed).toMatchObject({ id: analysis.id, status: 'GRANTED', noticeVersion: 1, outdatedAt: null });
    expect((await service.gql(t.member, TO_RENEW, { w: t.workspaceId })).data!['consentsToRenew']).toEqual([]);

    // A consent given under version 1 is not outdated by a version changing another purpose.
    const wording = (await service.gql(t.admin, PUBLISH, { input: { workspaceId: t.workspaceId, text: 'Same terms, clearer words.', purposes: ['CONTACT'] } })).data!['publishConsentNotice'];
    expect(wording).toMatchObject({ version: 2, outdatedCount: 1 });
    expect((await service.app.deps.consents.findById(analysis.id))!.status).toBe('GRANTED');
  });

  test('a notice whose outdating stopped half-way (a crash) is finished at start', async () => {
    const t = newTenant();
    const consent = await record(t);
    const notice = { _id: randomUUID(), workspaceId: t.workspaceId, version: 1, purposes: ['ANALYSIS' as const], text: 'Changed terms.', textSha256: sha256('Changed terms.'), publishedBy: t.admin.userId, publishedAt: new Date(), appliedAt: null, outdatedCount: 0 };
    await service.app.deps.notices.insert(notice);
    const resumer = createNoticeResumer(service.app.deps);
    resumer.start();
    await resumer.stop();
    expect((await service.app.deps.consents.findById(consent.id))!.status).toBe('OUTDATED');
    expect(await service.app.deps.notices.model.findById(notice._id).lean()).toMatchObject({ outdatedCount: 1, appliedAt: expect.any(Date) });
  });

  test('only a workspace ADMIN publishes a notice, and a notice without text is refused with nothing applied', async () => {
    const t = newTenant();
    const consent = await record(t);
    expect(codeOf(await service.gql(t.member, PUBLISH, { input: { workspaceId: t.workspaceId, text: 'x', purposes: ['ANALYSIS'] } }))).toBe('FORBIDDEN');
    expect(codeOf(await service.gql(t.admin, PUBLISH, { input: { workspaceId: t.workspaceId, text: '  ', purposes: ['ANALYSIS'] } }))).toBe('BAD_USER_INPUT');
    expect(await service.app.deps.notices.model.countDocuments({ workspaceId: t.workspaceId })).toBe(0);
    expect((await service.app.deps.consents.findById(consent.id))!.status).toBe('GRANTED');
  });
});
