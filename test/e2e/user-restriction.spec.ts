import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { connectServiceDatabases } from '../support/databases.js';
import { codesOf, gql, ok } from '../support/graph.js';
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

    // Identity ends the user's sessions: the token they hold stops working everywhere.
    await waitFor(async () => (codesOf(await gql(`query { me { id } }`, {}, user.token)).includes('UNAUTHENTICATED') ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the restricted user token refused',
    });
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
});
