import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mailsTo, waitFor } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import { codesOf, freshLoopbackAddress, gql, gqlFrom, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const PORTAL = `query($w: ID!) { respondentPortal(workspaceId: $w) { workspaceId workspaceName policyVersion dpoContact codeTtlSeconds } }`;
const REQUEST_CODE = `mutation($input: RespondentCodeInput!) { requestRespondentCode(input: $input) { sent expiresInSeconds } }`;
const VERIFY = `mutation($input: RespondentCodeVerificationInput!) { verifyRespondentCode(input: $input) { accessToken expiresAt workspaceId } }`;
const MY_REQUESTS = `{ myRespondentRightsRequests { id kind status origin workspaceId subjectType } }`;
const REQUEST = `query($id: ID!) { rightsRequest(id: $id) { id kind status origin tasks { service status } } }`;
const ANSWER = `query($id: ID!) { accessAnswer(requestId: $id) { complete request { status } sections { service collections { collection documents } } } }`;
const REQUEST_ACCESS = `mutation($input: RightsRequestInput!) { requestAccess(input: $input) { id kind status origin subjectType workspaceId } }`;
const REQUEST_ERASURE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { id status origin } }`;
const QUEUE = `{ respondentRightsQueue { id kind origin workspaceId } }`;
const WORKSPACE_REQUESTS = `query($w: ID!) { workspace(id: $w) { rightsRequests { id origin } } }`;
const MY_CONSENTS = `{ myRespondentConsents { id purpose status subjectId } }`;
const WITHDRAW = `mutation($id: ID!, $input: WithdrawConsentInput) { withdrawConsent(id: $id, input: $input) { id status } }`;
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id status } }`;
const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const ADD = `mutation($input: AddResponsesInput!) { addResponses(input: $input) { responses { respondent { id } } } }`;

let identityDb: Connection;

beforeAll(async () => {
  identityDb = await mongoose.createConnection(process.env['TEST_MONGO_URL_IDENTITY']!).asPromise();
});
afterAll(async () => {
  await identityDb.close();
});

const customerEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@customer.example`;

/** A workspace with one respondent who gave their email with an answer. */
async function shopWithCustomer(label: string): Promise<{ owner: Tenant; email: string; respondentId: string }> {
  const owner = await createTenant(label);
  const email = customerEmail(label);
  const dataset = (await ok(CREATE_DATASET, { input: { workspaceId: owner.workspaceId, name: 'After-sales survey' } }, owner.token)).createDataset;
  const added = await ok(ADD, { input: { datasetId: dataset.id, responses: [{ externalId: `cust-${randomBytes(3).toString('hex')}`, email, name: 'Inès Carvalho', text: 'La livraison était rapide.', consentRef: 'survey-form' }] } }, owner.token);
  return { owner, email, respondentId: added.addResponses.responses[0].respondent.id };
}

/** Asks for a code from an address of its own (per-address limits stay this test's) and reads it from the newest mail. */
async function mailedCode(workspaceId: string, email: string, nth = 1): Promise<string> {
  const asked = await gqlFrom(freshLoopbackAddress(), REQUEST_CODE, { input: { workspaceId, email } });
  expect(asked.errors).toBeUndefined();
  const [newest] = await mailsTo(email, nth);
  const code = /\b(\d{6})\b/.exec(newest!.Text)?.[1];
  if (!code) throw new Error('no 6-digit code in the mail');
  return code;
}

async function session(workspaceId: string, email: string): Promise<string> {
  const code = await mailedCode(workspaceId, email);
  return (await ok(VERIFY, { input: { workspaceId, email, code } })).verifyRespondentCode.accessToken;
}

const completed = (id: string, token: string, status = 'COMPLETED') =>
  waitFor(async () => {
    const r = (await ok(REQUEST, { id }, token)).rightsRequest;
    return r.status === status ? r : undefined;
  }, { timeoutMs: 60_000, what: `request ${id} ${status}` });

describe('a respondent exercises their rights themselves on the workspace\'s public page', () => {
  test('the public page names the workspace and needs no token', async () => {
    const owner = await createTenant('portal');
    const portal = (await ok(PORTAL, { w: owner.workspaceId })).respondentPortal;
    expect(portal).toMatchObject({ workspaceId: owner.workspaceId, workspaceName: 'portal workspace', codeTtlSeconds: 600 });
    expect(portal.dpoContact).toContain('@');
    expect(codesOf(await gql(PORTAL, { w: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
  });

  test('the code is mailed whatever the address, and the answer does not tell a known customer from a stranger', async () => {
    const { owner, email } = await shopWithCustomer('no-enumeration');
    const stranger = customerEmail('stranger');
    const known = await gqlFrom(freshLoopbackAddress(), REQUEST_CODE, { input: { workspaceId: owner.workspaceId, email } });
    const unknown = await gqlFrom(freshLoopbackAddress(), REQUEST_CODE, { input: { workspaceId: owner.workspaceId, email: stranger } });
    expect(unknown).toEqual(known);
    expect(known.data).toEqual({ requestRespondentCode: { sent: true, expiresInSeconds: 600 } });
    for (const address of [email, stranger]) {
      const [mail] = await mailsTo(address);
      expect(mail!.Subject).toMatch(/^Your verification code: \d{6}$/);
    }
    // Only digests and hashes are stored: neither the address nor the code.
    const stored = await identityDb.collection('respondent_codes').find({ workspaceId: owner.workspaceId }).toArray();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(email);
    expect(JSON.stringify(stored)).not.toContain(stranger);
  });

  test('a wrong code is refused, the right one opens a session once, and the session can do nothing a user can', async () => {
    const { owner, email, respondentId } = await shopWithCustomer('verify');
    const code = await mailedCode(owner.workspaceId, email);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(codesOf(await gql(VERIFY, { input: { workspaceId: owner.workspaceId, email, code: wrong } }))).toEqual(['CODE_INVALID']);
    const opened = (await ok(VERIFY, { input: { workspaceId: owner.workspaceId, email, code } })).verifyRespondentCode;
    expect(opened.workspaceId).toBe(owner.workspaceId);
    expect(codesOf(await gql(VERIFY, { input: { workspaceId: owner.workspaceId, email, code } }))).toEqual(['CODE_INVALID']);

    const token = opened.accessToken as string;
    expect(codesOf(await gql(`{ me { id } }`, {}, token))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(WORKSPACE_REQUESTS, { w: owner.workspaceId }, token))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(CREATE_DATASET, { input: { workspaceId: owner.workspaceId, name: 'x' } }, token))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(`query($w: ID!) { consentsToRenew(workspaceId: $w) { id } }`, { w: owner.workspaceId }, token))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(QUEUE, {}, token))).toEqual(['UNAUTHENTICATED']);
    // And a user's token is not a respondent's session.
    expect(codesOf(await gql(MY_REQUESTS, {}, owner.token))).toEqual(['FORBIDDEN']);
    expect((await ok(MY_REQUESTS, {}, token)).myRespondentRightsRequests).toEqual([]);
    // The session names the respondent the address belongs to.
    const access = (await ok(REQUEST_ACCESS, { input: {} }, token)).requestAccess;
    expect(access).toMatchObject({ subjectType: 'RESPONDENT', workspaceId: owner.workspaceId, origin: 'RESPONDENT' });
    const asAdmin = (await ok(`query($id: ID!) { rightsRequest(id: $id) { subjectId } }`, { id: access.id }, owner.token)).rightsRequest;
    expect(asAdmin.subjectId).toBe(respondentId);
  });

  test('five wrong codes kill the code, even for the right one afterwards', async () => {
    const { owner, email } = await shopWithCustomer('attempts');
    const code = await mailedCode(owner.workspaceId, email);
    const wrong = code === '000000' ? '111111' : '000000';
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) codes.push(...codesOf(await gql(VERIFY, { input: { workspaceId: owner.workspaceId, email, code: wrong } })));
    expect(codes).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'TOO_MANY_ATTEMPTS']);
    expect(codesOf(await gql(VERIFY, { input: { workspaceId: owner.workspaceId, email, code } }))).toEqual(['TOO_MANY_ATTEMPTS']);
    // A new code starts afresh.
    const fresh = await mailedCode(owner.workspaceId, email, 2);
    expect((await ok(VERIFY, { input: { workspaceId: owner.workspaceId, email, code: fresh } })).verifyRespondentCode.accessToken).toBeTruthy();
  });

  test('an expired code is refused as such', async () => {
    const { owner, email } = await shopWithCustomer('expiry');
    const code = await mailedCode(owner.workspaceId, email);
    // Ten minutes pass: the stored expiry is moved back rather than waited for.
    await identityDb.collection('respondent_codes').updateOne({ workspaceId: owner.workspaceId }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(codesOf(await gql(VERIFY, { input: { workspaceId: owner.workspaceId, email, code } }))).toEqual(['CODE_EXPIRED']);
  });

  test('an access request made by the respondent completes, its ADMIN is mailed and the DPO queue lists it', async () => {
    const { owner, email } = await shopWithCustomer('self-access');
    const dpo = await createStaff('queue-dpo', ['DPO']);
    const token = await session(owner.workspaceId, email);
    const opened = (await ok(REQUEST_ACCESS, { input: { contactEmail: email } }, token)).requestAccess;
    expect(opened).toMatchObject({ kind: 'ACCESS', origin: 'RESPONDENT' });

    await completed(opened.id, token);
    const answer = (await ok(ANSWER, { id: opened.id }, token)).accessAnswer;
    expect(answer.complete).toBe(true);
    const ingestion = answer.sections.find((s: { service: string }) => s.service === 'ingestion');
    expect(JSON.stringify(ingestion.collections)).toContain(email);
    expect((await ok(MY_REQUESTS, {}, token)).myRespondentRightsRequests.map((r: { id: string }) => r.id)).toEqual([opened.id]);

    const mail = await waitFor(async () => (await mailsTo(owner.email)).find((m) => m.Subject.startsWith('New ACCESS request from a customer')), { what: 'the ADMIN told of the request' });
    expect(mail.Text).toContain(opened.id);
    expect(mail.Text).not.toContain(email);

    expect((await ok(QUEUE, {}, dpo.token)).respondentRightsQueue).toContainEqual({ id: opened.id, kind: 'ACCESS', origin: 'RESPONDENT', workspaceId: owner.workspaceId });
    expect(codesOf(await gql(QUEUE, {}, owner.token))).toEqual(['FORBIDDEN']);
    expect((await ok(WORKSPACE_REQUESTS, { w: owner.workspaceId }, owner.token)).workspace.rightsRequests).toContainEqual({ id: opened.id, origin: 'RESPONDENT' });
  });

  test('an address the workspace does not know still gets a session, and its erasure ends NOT_FOUND', async () => {
    const owner = await createTenant('unknown-subject');
    const token = await session(owner.workspaceId, customerEmail('never-ingested'));
    const erasure = (await ok(REQUEST_ERASURE, { input: {} }, token)).requestErasure;
    expect(erasure.origin).toBe('RESPONDENT');
    expect((await completed(erasure.id, token, 'NOT_FOUND')).status).toBe('NOT_FOUND');
  });

  test('a respondent reaches nothing of another workspace\'s respondents', async () => {
    const shopA = await shopWithCustomer('isolation-a');
    const shopB = await shopWithCustomer('isolation-b');
    const tokenA = await session(shopA.owner.workspaceId, shopA.email);
    const inB = (await ok(REQUEST_ACCESS, { input: { workspaceId: shopB.owner.workspaceId, respondentId: shopB.respondentId } }, shopB.owner.token)).requestAccess;
    const consentB = (
      await ok(RECORD, { input: { workspaceId: shopB.owner.workspaceId, subjectType: 'RESPONDENT', subjectId: shopB.respondentId, purpose: 'CONTACT', source: 'newsletter', method: 'WEB_FORM', evidence: { text: 'Shop B may write to you.', proofRef: 'crm://forms/b' } } }, shopB.owner.token)
    ).recordConsent;

    expect(codesOf(await gql(REQUEST, { id: inB.id }, tokenA))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(ANSWER, { id: inB.id }, tokenA))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(WITHDRAW, { id: consentB.id }, tokenA))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(REQUEST_ACCESS, { input: { workspaceId: shopB.owner.workspaceId, respondentId: shopB.respondentId } }, tokenA))).toEqual(['FORBIDDEN']);
    // The same address in another workspace is another person there: a code of A does not open B.
    const code = await mailedCode(shopA.owner.workspaceId, shopA.email, 2);
    expect(codesOf(await gql(VERIFY, { input: { workspaceId: shopB.owner.workspaceId, email: shopA.email, code } }))).toEqual(['CODE_INVALID']);
  });

  test('a respondent lists their consents and withdraws one', async () => {
    const { owner, email, respondentId } = await shopWithCustomer('self-consent');
    const consent = (
      await ok(RECORD, { input: { workspaceId: owner.workspaceId, subjectType: 'RESPONDENT', subjectId: respondentId, purpose: 'CONTACT', source: 'newsletter', method: 'WEB_FORM', evidence: { text: 'We may write to you about new products.', proofRef: 'crm://forms/1' } } }, owner.token)
    ).recordConsent;
    const token = await session(owner.workspaceId, email);
    expect((await ok(MY_CONSENTS, {}, token)).myRespondentConsents).toEqual([{ id: consent.id, purpose: 'CONTACT', status: 'GRANTED', subjectId: respondentId }]);
    expect((await ok(WITHDRAW, { id: consent.id, input: { method: 'WEB_FORM' } }, token)).withdrawConsent).toEqual({ id: consent.id, status: 'WITHDRAWN' });
    expect((await ok(MY_CONSENTS, {}, token)).myRespondentConsents[0].status).toBe('WITHDRAWN');
  });
});
