import { describe, expect, test } from '@jest/globals';
import mongoose from 'mongoose';
import { mailsTo, waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant, type Tenant } from '../support/tenant.js';
import { ADD_RESPONSES } from './seeded-workspace.js';

const GRANT_FIELDS = 'id workspaceId staffUserId reason durationMinutes breakGlass status requestedAt decidedBy startsAt endsAt revokedBy';
const REQUEST = `mutation($input: RequestAccessGrantInput!) { requestAccessGrant(input: $input) { ${GRANT_FIELDS} } }`;
const APPROVE = `mutation($input: AccessGrantDecisionInput!) { approveAccessGrant(input: $input) { ${GRANT_FIELDS} } }`;
const DENY = `mutation($input: AccessGrantDecisionInput!) { denyAccessGrant(input: $input) { ${GRANT_FIELDS} } }`;
const REVOKE = `mutation($input: AccessGrantDecisionInput!) { revokeAccessGrant(input: $input) { ${GRANT_FIELDS} } }`;
const BREAK_GLASS = `mutation($input: OpenBreakGlassAccessInput!) { openBreakGlassAccess(input: $input) { ${GRANT_FIELDS} } }`;
const GRANT_TOKEN = `mutation($grantId: ID!) { accessTokenForGrant(grantId: $grantId) { accessToken expiresAt grant { id status } } }`;
const WORKSPACE_GRANTS = `query($id: ID!, $status: AccessGrantStatus) { workspaceAccessGrants(workspaceId: $id, status: $status) { ${GRANT_FIELDS} } }`;
const MY_GRANTS = `query { myAccessGrants { id status } }`;
const AUDIT_LOG = `query($id: ID!) { workspace(id: $id) { auditLog(first: 200) { id service actorUserId operationName fields subjectRefs action accessGrant { id reason } } } }`;
const PLATFORM_AUDIT = `query($grantId: ID) { platformAuditLog(first: 200, accessGrantId: $grantId) { id service actorUserId operationName action accessGrant { id reason } } }`;
// One probe per subgraph, each answered by that subgraph alone.
const READ_CUSTOMERS = `query InvestigateTicket($id: ID!) { dataset(id: $id) { responses(first: 10) { id consentRef respondent { id externalId } } } }`;
const READ_RENEWALS = `query($ws: ID!) { consentsToRenew(workspaceId: $ws, first: 10) { id } }`;
const READ_MEMBERS = `query($ws: ID!) { workspace(id: $ws) { members { userId firstName } } }`;

const reason = 'Ticket 4411: the customer says their answers show in the wrong dataset; checking the stored responses.';

async function workspaceWithCustomers(label: string): Promise<{ owner: Tenant; datasetId: string }> {
  const owner = await createTenant(label);
  const datasetId = (await ok(`mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`, { input: { workspaceId: owner.workspaceId, name: 'Support case' } }, owner.token)).createDataset.id;
  await ok(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: `cust-${label}`, text: 'The parcel never came.', consentRef: 'form-7', submittedAt: '2026-10-01T10:00:00Z' }] } }, owner.token);
  return { owner, datasetId };
}

/** The probes of three subgraphs (ingestion, consent, identity), with a token: the codes each answered. */
async function probe(token: string, owner: Tenant, datasetId: string) {
  return {
    ingestion: codesOf(await gql(READ_CUSTOMERS, { id: datasetId }, token)),
    consent: codesOf(await gql(READ_RENEWALS, { ws: owner.workspaceId }, token)),
    identity: codesOf(await gql(READ_MEMBERS, { ws: owner.workspaceId }, token)),
  };
}

describe('need-to-know staff access: grants approved by a workspace ADMIN, through the gateway', () => {
  test('SUPPORT reads a workspace only under an approved grant, the audit names the grant and its reason, a revocation closes it within seconds in every subgraph', async () => {
    const { owner, datasetId } = await workspaceWithCustomers('grantor');
    const other = await workspaceWithCustomers('bystander');
    const support = await createStaff('support', ['SUPPORT']);

    // Without a grant: refused with a stable code in each subgraph.
    expect(await probe(support.token, owner, datasetId)).toEqual({ ingestion: ['ACCESS_GRANT_REQUIRED'], consent: ['ACCESS_GRANT_REQUIRED'], identity: ['ACCESS_GRANT_REQUIRED'] });

    // Bad input and the wrong people: nothing is stored.
    expect(codesOf(await gql(REQUEST, { input: { workspaceId: owner.workspaceId, reason: 'need it', durationMinutes: 60 } }, support.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(REQUEST, { input: { workspaceId: owner.workspaceId, reason, durationMinutes: 100 * 60 } }, support.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(REQUEST, { input: { workspaceId: owner.workspaceId, reason, durationMinutes: 60 } }, other.owner.token))).toEqual(['FORBIDDEN']);
    expect((await ok(WORKSPACE_GRANTS, { id: owner.workspaceId }, owner.token)).workspaceAccessGrants).toEqual([]);

    const requested = (await ok(REQUEST, { input: { workspaceId: owner.workspaceId, reason, durationMinutes: 60 } }, support.token)).requestAccessGrant;
    expect(requested).toMatchObject({ status: 'PENDING', staffUserId: support.userId, reason, breakGlass: false, startsAt: null, endsAt: null });
    expect(codesOf(await gql(GRANT_TOKEN, { grantId: requested.id }, support.token))).toEqual(['ACCESS_GRANT_NOT_ACTIVE']);
    expect((await ok(WORKSPACE_GRANTS, { id: owner.workspaceId, status: 'PENDING' }, owner.token)).workspaceAccessGrants.map((g: { id: string }) => g.id)).toEqual([requested.id]);
    // Another workspace's ADMIN cannot see or approve it, naming their own workspace or this one.
    expect(codesOf(await gql(APPROVE, { input: { workspaceId: other.owner.workspaceId, grantId: requested.id } }, other.owner.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(APPROVE, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, other.owner.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(APPROVE, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, support.token))).toEqual(['FORBIDDEN']);

    const approved = (await ok(APPROVE, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, owner.token)).approveAccessGrant;
    expect(approved).toMatchObject({ status: 'ACTIVE', decidedBy: owner.userId });
    expect(Date.parse(approved.endsAt) - Date.parse(approved.startsAt)).toBe(60 * 60_000);
    expect(codesOf(await gql(DENY, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, owner.token))).toEqual(['ACCESS_GRANT_NOT_PENDING']);

    // The old token still carries no grant; a token for it opens this workspace, for reads only.
    expect((await probe(support.token, owner, datasetId)).ingestion).toEqual(['ACCESS_GRANT_REQUIRED']);
    const granted = (await ok(GRANT_TOKEN, { grantId: requested.id }, support.token)).accessTokenForGrant;
    expect(granted.grant).toEqual({ id: requested.id, status: 'ACTIVE' });
    expect(await probe(granted.accessToken, owner, datasetId)).toEqual({ ingestion: [], consent: [], identity: [] });
    const read = (await ok(READ_CUSTOMERS, { id: datasetId }, granted.accessToken)).dataset.responses;
    expect(read).toHaveLength(1);
    expect(codesOf(await gql(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: 'x', text: 'written by staff', consentRef: 'f', submittedAt: '2026-10-02T10:00:00Z' }] } }, granted.accessToken))).toEqual(['FORBIDDEN']);
    // The grant opens its own workspace, not another one.
    expect(await probe(granted.accessToken, other.owner, other.datasetId)).toEqual({ ingestion: ['ACCESS_GRANT_REQUIRED'], consent: ['ACCESS_GRANT_REQUIRED'], identity: ['ACCESS_GRANT_REQUIRED'] });

    // The workspace ADMIN sees the staff read, with the grant and its reason, and each step of the grant.
    const log = await waitFor(
      async () => {
        const entries = (await ok(AUDIT_LOG, { id: owner.workspaceId }, owner.token)).workspace.auditLog as any[];
        return entries.some((e) => e.operationName === 'InvestigateTicket') && entries.some((e) => e.action === 'ACCESS_GRANT_APPROVED') ? entries : undefined;
      },
      { timeoutMs: 30_000, what: 'the staff read and the grant steps in the audit log' },
    );
    const staffRead = log.find((e) => e.operationName === 'InvestigateTicket');
    expect(staffRead).toMatchObject({ service: 'ingestion', actorUserId: support.userId, accessGrant: { id: requested.id, reason }, action: null });
    expect(staffRead.subjectRefs).toEqual([read[0].respondent.id]);
    expect(log.filter((e) => e.action).map((e) => [e.action, e.actorUserId, e.accessGrant.id])).toEqual(
      expect.arrayContaining([
        ['ACCESS_GRANT_REQUESTED', support.userId, requested.id],
        ['ACCESS_GRANT_APPROVED', owner.userId, requested.id],
      ]),
    );
    // A member's own reads carry no grant.
    expect(log.filter((e) => e.actorUserId === owner.userId && !e.action).every((e) => e.accessGrant === null)).toBe(true);

    // The DPO follows the grant across workspaces; nobody else may.
    const dpo = await createStaff('dpo-auditor', ['DPO']);
    const platform = (await ok(PLATFORM_AUDIT, { grantId: requested.id }, dpo.token)).platformAuditLog as any[];
    expect(platform.map((e) => e.action ?? e.operationName)).toEqual(expect.arrayContaining(['ACCESS_GRANT_REQUESTED', 'ACCESS_GRANT_APPROVED', 'InvestigateTicket']));
    expect(platform.every((e) => e.accessGrant.id === requested.id)).toBe(true);
    expect(codesOf(await gql(PLATFORM_AUDIT, {}, support.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(PLATFORM_AUDIT, {}, owner.token))).toEqual(['FORBIDDEN']);

    // Revoked by the ADMIN: the same token stops opening the workspace within seconds, in every subgraph.
    const revokedAt = Date.now();
    expect((await ok(REVOKE, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, owner.token)).revokeAccessGrant).toMatchObject({ status: 'REVOKED', revokedBy: owner.userId });
    await waitFor(
      async () => {
        const codes = await probe(granted.accessToken, owner, datasetId);
        return Object.values(codes).every((c) => c.length === 1 && c[0] === 'ACCESS_GRANT_REQUIRED');
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'ingestion, consent and identity to refuse the revoked grant' },
    );
    const closedAfterMs = Date.now() - revokedAt;
    console.log(`staff access: revoked grant refused by ingestion, consent and identity ${closedAfterMs} ms after revokeAccessGrant`);
    expect(closedAfterMs).toBeLessThan(10_000);
    expect(codesOf(await gql(GRANT_TOKEN, { grantId: requested.id }, support.token))).toEqual(['ACCESS_GRANT_NOT_ACTIVE']);
    expect(codesOf(await gql(REVOKE, { input: { workspaceId: owner.workspaceId, grantId: requested.id } }, owner.token))).toEqual(['ACCESS_GRANT_NOT_OPEN']);
    await waitFor(
      async () => ((await ok(AUDIT_LOG, { id: owner.workspaceId }, owner.token)).workspace.auditLog as any[]).find((e) => e.action === 'ACCESS_GRANT_REVOKED' && e.actorUserId === owner.userId),
      { timeoutMs: 30_000, what: 'the revocation in the audit log' },
    );
  }, 120_000);

  test('an ADMIN denies a request; an expired grant gives no token and the staff see it EXPIRED', async () => {
    const { owner } = await workspaceWithCustomers('denier');
    const support = await createStaff('support', ['SUPPORT']);
    const denied = (await ok(REQUEST, { input: { workspaceId: owner.workspaceId, reason, durationMinutes: 30 } }, support.token)).requestAccessGrant;
    expect((await ok(DENY, { input: { workspaceId: owner.workspaceId, grantId: denied.id } }, owner.token)).denyAccessGrant).toMatchObject({ status: 'DENIED', decidedBy: owner.userId, startsAt: null });
    expect(codesOf(await gql(GRANT_TOKEN, { grantId: denied.id }, support.token))).toEqual(['ACCESS_GRANT_NOT_ACTIVE']);

    const grant = (await ok(REQUEST, { input: { workspaceId: owner.workspaceId, reason, durationMinutes: 30 } }, support.token)).requestAccessGrant;
    await ok(APPROVE, { input: { workspaceId: owner.workspaceId, grantId: grant.id } }, owner.token);
    // Its end moved into the past, as if its 30 minutes had gone by.
    const conn = await mongoose.createConnection(process.env['TEST_MONGO_URL_IDENTITY']!).asPromise();
    try {
      await conn.collection('access_grants').updateOne({ _id: grant.id as never }, { $set: { endsAt: new Date(Date.now() - 1_000) } });
    } finally {
      await conn.close();
    }
    expect(codesOf(await gql(GRANT_TOKEN, { grantId: grant.id }, support.token))).toEqual(['ACCESS_GRANT_NOT_ACTIVE']);
    const mine = (await ok(MY_GRANTS, {}, support.token)).myAccessGrants as { id: string; status: string }[];
    expect(mine).toEqual(expect.arrayContaining([{ id: grant.id, status: 'EXPIRED' }, { id: denied.id, status: 'DENIED' }]));
    expect((await ok(WORKSPACE_GRANTS, { id: owner.workspaceId, status: 'EXPIRED' }, owner.token)).workspaceAccessGrants.map((g: { id: string }) => g.id)).toEqual([grant.id]);
  }, 60_000);

  test('break-glass: a DPO opens access at once, every DPO and every ADMIN of the workspace is mailed the grant and the reason; SUPPORT may not', async () => {
    const { owner, datasetId } = await workspaceWithCustomers('glass');
    const support = await createStaff('support', ['SUPPORT']);
    const dpo = await createStaff('dpo', ['DPO']);
    const urgent = 'Suspected breach: a partner reported this workspace\'s customer emails in a public paste.';
    expect(codesOf(await gql(BREAK_GLASS, { input: { workspaceId: owner.workspaceId, reason: urgent, durationMinutes: 30 } }, support.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(BREAK_GLASS, { input: { workspaceId: owner.workspaceId, reason: urgent, durationMinutes: 24 * 60 } }, dpo.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(BREAK_GLASS, { input: { workspaceId: owner.workspaceId, reason: 'urgent', durationMinutes: 30 } }, dpo.token))).toEqual(['BAD_USER_INPUT']);

    const opened = (await ok(BREAK_GLASS, { input: { workspaceId: owner.workspaceId, reason: urgent, durationMinutes: 30 } }, dpo.token)).openBreakGlassAccess;
    expect(opened).toMatchObject({ status: 'ACTIVE', breakGlass: true, staffUserId: dpo.userId, decidedBy: null });

    for (const address of [owner.email, dpo.email]) {
      const mail = await waitFor(async () => (await mailsTo(address)).find((m) => m.Text.includes(opened.id)), { what: `the break-glass notice to ${address}` });
      expect(mail.Subject).toContain(owner.workspaceId);
      expect(mail.Text).toContain(urgent);
      expect(mail.Text).toContain(dpo.userId);
    }

    const granted = (await ok(GRANT_TOKEN, { grantId: opened.id }, dpo.token)).accessTokenForGrant;
    expect((await probe(granted.accessToken, owner, datasetId)).ingestion).toEqual([]);
    // The staff member ends it themself.
    expect((await ok(REVOKE, { input: { workspaceId: owner.workspaceId, grantId: opened.id } }, dpo.token)).revokeAccessGrant).toMatchObject({ status: 'REVOKED', revokedBy: dpo.userId });
    await waitFor(async () => (await probe(granted.accessToken, owner, datasetId)).ingestion[0] === 'ACCESS_GRANT_REQUIRED', { timeoutMs: 10_000, intervalMs: 100, what: 'ingestion to refuse the revoked break-glass grant' });
    const steps = await waitFor(
      async () => {
        const entries = ((await ok(AUDIT_LOG, { id: owner.workspaceId }, owner.token)).workspace.auditLog as any[]).filter((e) => e.accessGrant?.id === opened.id && e.action);
        return entries.length >= 2 ? entries : undefined;
      },
      { timeoutMs: 30_000, what: 'the break-glass steps in the audit log' },
    );
    expect(steps.map((e) => e.action).sort()).toEqual(['ACCESS_GRANT_REVOKED', 'BREAK_GLASS_ACCESS_OPENED']);
  }, 120_000);
});
