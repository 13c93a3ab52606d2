import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { localProofKeys, verifyServiceProof } from '@verbatim/kit';
import { waitFor } from '@verbatim/kit/testing';
import mongoose from 'mongoose';
import { codesOf, gql, ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const CREATE = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id legalBasis } }`;
const ADD = `mutation($input: AddResponsesInput!) { addResponses(input: $input) { responses { id pipelineState holdReasons respondent { id } } } }`;
const STATE = `query($id: ID!) { dataset(id: $id) { responses(first: 100) { id pipelineState holdReasons anonymization { text } } } }`;
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id status noticeVersion evidence { textSha256 } } }`;
const WITHDRAW = `mutation($id: ID!, $input: WithdrawConsentInput) { withdrawConsent(id: $id, input: $input) { id status } }`;
const RECEIPT = `query($id: ID!) { consentReceipt(consentId: $id) { consentId jws record } }`;
const PUBLISH = `mutation($input: PublishConsentNoticeInput!) { publishConsentNotice(input: $input) { version outdatedCount } }`;
const TO_RENEW = `query($w: ID!) { consentsToRenew(workspaceId: $w) { id subjectId purpose status } }`;
const REQUEST_ACCESS = `mutation($input: RightsRequestInput!) { requestAccess(input: $input) { id } }`;
const ANSWER = `query($id: ID!) { accessAnswer(requestId: $id) { complete request { status } sections { service collections { collection documents } } } }`;

const NOTICE_V0 = 'Acme analyses your answers to improve its service. You can withdraw at any time.';
const NOTICE_V1 = 'Acme analyses your answers, and an AI subprocessor summarises them. You can withdraw at any time.';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The consent service's published proof keys, fetched as a verifier would. */
async function consentProofKeys() {
  const url = process.env['TEST_CONSENT_URL'];
  if (!url) throw new Error('TEST_CONSENT_URL is not set: run the tests with `npm test`.');
  const res = await fetch(new URL('/.well-known/proof-keys.json', url));
  expect(res.status).toBe(200);
  return localProofKeys((await res.json()) as Parameters<typeof localProofKeys>[0]);
}

/** What ingestion knows of a consent: the e2e waits on it instead of sleeping after a consent change. */
async function ingestionSees(consentId: string, status: string) {
  const conn = await mongoose.createConnection(process.env['TEST_MONGO_URL_INGESTION']!).asPromise();
  try {
    await waitFor(async () => (await conn.db!.collection('consent_states').findOne({ _id: consentId as never }))?.['status'] === status, { what: `ingestion to see consent ${status}` });
  } finally {
    await conn.close();
  }
}

async function addOne(owner: Tenant, datasetId: string, externalId: string, consentRef: string) {
  const r = await ok(ADD, { input: { datasetId, responses: [{ externalId, name: 'Léa Fontaine', text: `Bonjour, ici Léa Fontaine : le colis est arrivé abîmé.`, consentRef }] } }, owner.token);
  return r.addResponses.responses[0] as { id: string; pipelineState: string; holdReasons: string[]; respondent: { id: string } };
}

const responseIn = async (owner: Tenant, datasetId: string, id: string) => (await ok(STATE, { id: datasetId }, owner.token)).dataset.responses.find((r: { id: string }) => r.id === id);
const anonymized = (owner: Tenant, datasetId: string, id: string, what: string) => waitFor(async () => (await responseIn(owner, datasetId, id))?.anonymization, { timeoutMs: 60_000, what });

describe('consent with evidence through the gateway', () => {
  test('a consent needs evidence; its signed receipt verifies with the published keys; another workspace cannot read it', async () => {
    const owner = await createTenant('consent-owner');
    const stranger = await createTenant('consent-stranger');
    const base = { workspaceId: owner.workspaceId, subjectType: 'RESPONDENT', subjectId: randomUUID(), purpose: 'ANALYSIS', source: 'checkout survey', method: 'WEB_FORM' };
    expect(codesOf(await gql(RECORD, { input: { ...base, evidence: { text: NOTICE_V0 } } }, owner.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(RECORD, { input: base }, owner.token))).toEqual(['BAD_USER_INPUT']);

    const consent = (await ok(RECORD, { input: { ...base, evidence: { text: NOTICE_V0, proofSha256: sha256('form #1 as signed') } } }, owner.token)).recordConsent;
    expect(consent).toMatchObject({ status: 'GRANTED', noticeVersion: 0, evidence: { textSha256: sha256(NOTICE_V0) } });

    const receipt = (await ok(RECEIPT, { id: consent.id }, owner.token)).consentReceipt;
    const payload = await verifyServiceProof(receipt.jws, await consentProofKeys(), { service: 'consent', typ: 'consent-receipt+jwt' });
    expect(payload).toMatchObject({ schema_version: 'ISO/IEC TS 27560:2023', record_id: consent.id, state: 'dpv:ConsentGiven', notice: { text_sha256: sha256(NOTICE_V0) } });
    expect(receipt.jws).not.toContain(base.subjectId);
    expect(JSON.stringify(payload)).not.toContain(base.subjectId);

    expect(codesOf(await gql(RECEIPT, { id: consent.id }, stranger.token))).toEqual(['FORBIDDEN']);
  });

  test('a respondent\'s access answer carries each of their consents with its signed receipt', async () => {
    const owner = await createTenant('consent-access');
    const dataset = (await ok(CREATE, { input: { workspaceId: owner.workspaceId, name: 'Survey' } }, owner.token)).createDataset;
    const respondentId = (await addOne(owner, dataset.id, `cust-${randomUUID()}`, 'form-1')).respondent.id;
    const given = { workspaceId: owner.workspaceId, subjectType: 'RESPONDENT', subjectId: respondentId, purpose: 'CONTACT', source: 'newsletter box', method: 'WEB_FORM' };
    const consent = (await ok(RECORD, { input: { ...given, evidence: { text: 'Acme may contact you.', proofRef: 'crm://forms/9' } } }, owner.token)).recordConsent;

    const requestId = (await ok(REQUEST_ACCESS, { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestAccess.id;
    const answer = await waitFor(
      async () => {
        const a = (await ok(ANSWER, { id: requestId }, owner.token)).accessAnswer;
        return a.complete && a.request.status === 'COMPLETED' ? a : undefined;
      },
      { timeoutMs: 60_000, what: 'the access answer complete' },
    );
    const section = answer.sections.find((s: { service: string }) => s.service === 'consent');
    const docs = section.collections.find((c: { collection: string }) => c.collection === 'consents').documents.map((d: string) => JSON.parse(d));
    expect(docs).toHaveLength(1);
    const payload = await verifyServiceProof(docs[0].receipt, await consentProofKeys(), { service: 'consent', typ: 'consent-receipt+jwt' });
    expect(payload).toMatchObject({ record_id: consent.id, purposes: [{ purpose: 'CONTACT' }], state: 'dpv:ConsentGiven' });
  });

  test('in a dataset resting on consent, an unknown, outdated or withdrawn consent holds responses with the reason, and a fresh consent releases them', async () => {
    const owner = await createTenant('consent-pipeline');
    const dataset = (await ok(CREATE, { input: { workspaceId: owner.workspaceId, name: 'Consented survey', legalBasis: 'CONSENT' } }, owner.token)).createDataset;
    expect(dataset.legalBasis).toBe('CONSENT');
    const externalId = `cust-${randomUUID()}`;

    // No consent yet: stored, held, not anonymized.
    const unknown = await addOne(owner, dataset.id, externalId, randomUUID());
    expect(unknown).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_UNKNOWN'] });
    const respondentId = unknown.respondent.id;

    const given = { workspaceId: owner.workspaceId, subjectType: 'RESPONDENT', subjectId: respondentId, purpose: 'ANALYSIS', source: 'checkout survey', method: 'WEB_FORM' };
    const consent = (await ok(RECORD, { input: { ...given, evidence: { text: NOTICE_V0, proofRef: 'crm://forms/1' } } }, owner.token)).recordConsent;
    const valid = await addOne(owner, dataset.id, externalId, consent.id);
    const text: string = (await anonymized(owner, dataset.id, valid.id, 'the consented response anonymized')).text;
    expect(text).not.toContain('Fontaine');

    // A new notice changes ANALYSIS: the consent is outdated and listed for renewal; new responses wait.
    const notice = (await ok(PUBLISH, { input: { workspaceId: owner.workspaceId, text: NOTICE_V1, purposes: ['ANALYSIS'] } }, owner.token)).publishConsentNotice;
    expect(notice).toEqual({ version: 1, outdatedCount: 1 });
    expect((await ok(TO_RENEW, { w: owner.workspaceId }, owner.token)).consentsToRenew).toEqual([{ id: consent.id, subjectId: respondentId, purpose: 'ANALYSIS', status: 'OUTDATED' }]);
    await ingestionSees(consent.id, 'OUTDATED');
    const outdated = await addOne(owner, dataset.id, externalId, consent.id);
    expect(outdated).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_OUTDATED'] });
    expect((await responseIn(owner, dataset.id, outdated.id)).anonymization).toBeNull();

    // Asked again under the new notice: the held response resumes.
    const renewed = (await ok(RECORD, { input: { ...given, noticeVersion: 1, evidence: { text: NOTICE_V1, proofRef: 'crm://forms/2' } } }, owner.token)).recordConsent;
    expect(renewed).toMatchObject({ id: consent.id, status: 'GRANTED', noticeVersion: 1 });
    await anonymized(owner, dataset.id, outdated.id, 'the outdated-held response anonymized after renewal');
    expect(await responseIn(owner, dataset.id, outdated.id)).toMatchObject({ pipelineState: 'FORWARDED', holdReasons: [] });

    // Withdrawn: new responses wait again.
    await ok(WITHDRAW, { id: consent.id, input: { method: 'WEB_FORM', evidence: { text: 'I withdraw my consent.', proofRef: 'crm://withdrawals/1' } } }, owner.token);
    await ingestionSees(consent.id, 'WITHDRAWN');
    const withdrawn = await addOne(owner, dataset.id, externalId, consent.id);
    expect(withdrawn).toMatchObject({ pipelineState: 'HELD', holdReasons: ['CONSENT_WITHDRAWN'] });
    expect((await responseIn(owner, dataset.id, unknown.id)).holdReasons).toEqual(['CONSENT_UNKNOWN']);
  });
});
