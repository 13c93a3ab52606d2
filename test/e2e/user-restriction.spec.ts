import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { connectServiceDatabases } from '../support/databases.js';
import { codesOf, gql, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant } from '../support/tenant.js';

const INVITE = `mutation($input: InviteWorkspaceMemberInput!) { inviteWorkspaceMember(input: $input) { email } }`;
const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const GENERATE = `mutation($input: GenerateReportInput!) { generateReport(input: $input) { id } }`;

describe('restriction of a user (Art. 18) through the gateway', () => {
  test("a restricted user's data is kept but not processed: no sign-in, no report authored, no optional mail", async () => {
    const user = await createTenant('restricted-user');
    const admin = await createTenant('restricted-admin');
    const datasetId = (await ok(CREATE_DATASET, { input: { workspaceId: user.workspaceId, name: 'Kept' } }, user.token)).createDataset.id;
    const opened = (await ok(`mutation { requestRestriction(input: {}) { id kind subjectType } }`, {}, user.token)).requestRestriction;
    expect(opened).toMatchObject({ kind: 'RESTRICTION', subjectType: 'USER' });

    // Identity ends the user's sessions; every other subgraph learns it from the revocation event, so the
    // token stops working everywhere once each has consumed it.
    await waitFor(
      async () => {
        const refusedByIdentity = codesOf(await gql(`query { me { id } }`, {}, user.token)).includes('UNAUTHENTICATED');
        const refusedByReporting = codesOf(await gql(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, user.token)).includes('UNAUTHENTICATED');
        return refusedByIdentity && refusedByReporting ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the restricted user token refused by identity and reporting' },
    );
    expect(codesOf(await gql(GENERATE, { input: { datasetId, backend: 'EMBEDDED' } }, user.token))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: user.email, password: 'a long enough passphrase' } }))).toEqual(['ACCOUNT_RESTRICTED']);
    // An invitation is optional mail: none while restricted (the inviter sees the same answer).
    expect((await ok(INVITE, { input: { workspaceId: admin.workspaceId, email: user.email, role: 'MEMBER' } }, admin.token)).inviteWorkspaceMember.email).toBe(user.email);

    const dbs = await connectServiceDatabases();
    try {
      const stored = await dbs.get('identity')!.db!.collection('users').findOne({ _id: user.userId as any });
      expect(stored).toMatchObject({ email: user.email, restricted: true });
      expect(await dbs.get('identity')!.db!.collection('mail_outbox').countDocuments({ to: user.email, templateId: 'workspace-invitation' })).toBe(0);
      expect(await dbs.get('reporting')!.db!.collection('reports').countDocuments({ createdBy: user.userId })).toBe(0);
      expect(await dbs.get('ingestion')!.db!.collection('datasets').countDocuments({ _id: datasetId })).toBe(1);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  });

  test("a restricted user cannot sign in to lift it: the platform's DPO lifts it for them, the user is told first, and can sign in again", async () => {
    const user = await createTenant('lifted-user');
    const opened = (await ok(`mutation { requestRestriction(input: {}) { id } }`, {}, user.token)).requestRestriction;
    const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
    const credentials = { input: { email: user.email, password: 'a long enough passphrase' } };
    await waitFor(async () => (codesOf(await gql(LOGIN, credentials)).includes('ACCOUNT_RESTRICTED') ? true : undefined), { timeoutMs: 30_000, intervalMs: 100, what: 'sign-in refused while restricted' });

    const LIFT = `mutation($input: RightsRequestInput!) { liftRestriction(input: $input) { id kind subjectType status } }`;
    // Only the DPO acts for another user; a workspace ADMIN is refused, and so is a malformed id.
    const admin = await createTenant('lifted-admin');
    expect(codesOf(await gql(LIFT, { input: { userId: user.userId } }, admin.token))).toEqual(['FORBIDDEN']);
    const dpo = await createStaff('lifting-dpo', ['DPO']);
    expect(codesOf(await gql(LIFT, { input: { userId: 'not-an-id' } }, dpo.token))).toEqual(['BAD_USER_INPUT']);
    const lift = (await ok(LIFT, { input: { userId: user.userId } }, dpo.token)).liftRestriction;
    expect(lift).toMatchObject({ kind: 'LIFT_RESTRICTION', subjectType: 'USER' });
    await waitFor(async () => ((await ok(`query($id: ID!) { rightsRequest(id: $id) { status } }`, { id: lift.id }, dpo.token)).rightsRequest.status === 'COMPLETED' ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: 'the lifting completed',
    });
    const signedIn = await ok(LOGIN, credentials);
    expect(signedIn.login.accessToken).toEqual(expect.any(String));
    // The user sees both requests about them, the one they made and the one the DPO made for them.
    for (const id of [opened.id, lift.id]) expect((await ok(`query($id: ID!) { rightsRequest(id: $id) { id } }`, { id }, signedIn.login.accessToken)).rightsRequest.id).toBe(id);
    const dbs = await connectServiceDatabases();
    try {
      const identity = dbs.get('identity')!.db!;
      expect(await identity.collection('users').findOne({ _id: user.userId as any })).toMatchObject({ restricted: false });
      expect(await identity.collection('mail_outbox').countDocuments({ to: user.email, templateId: 'restriction-lifting' })).toBe(1);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  });
});
