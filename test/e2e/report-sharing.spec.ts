import { beforeAll, describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

describe('sharing a report with the workspace, through the gateway', () => {
  let admin: Tenant;
  let colleague: { token: string };
  let reportId: string;

  beforeAll(async () => {
    admin = await createTenant('sharer');
    const other = await createTenant('colleague');
    await ok(
      `mutation($i: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $i) { id } }`,
      { i: { workspaceId: admin.workspaceId, email: other.email, role: 'MEMBER' } },
      admin.token,
    );
    // The token lists workspaces, so the new member asks for a fresh one.
    colleague = { token: (await ok(`mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken } }`, { i: { refreshToken: other.refreshToken } })).refreshSession.accessToken };
    const datasetId = (await ok(`mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`, { i: { workspaceId: admin.workspaceId, name: 'Shared survey' } }, admin.token)).createDataset.id;
    await ok(
      `mutation($i: AddResponsesInput!) { addResponses(input: $i) { responses { id } } }`,
      { i: { datasetId, responses: [{ externalId: 's-1', text: 'Livraison rapide, très satisfait.', consentRef: 'f' }, { externalId: 's-2', text: 'The support team never called back.', consentRef: 'f' }] } },
      admin.token,
    );
    await waitFor(async () => (await ok(`query($id: ID!) { dataset(id: $id) { analyzableCount } }`, { id: datasetId }, admin.token)).dataset.analyzableCount === 2, { what: 'analyzable responses' });
    reportId = (await ok(`mutation($i: GenerateReportInput!) { generateReport(input: $i) { id visibility } }`, { i: { datasetId } }, admin.token)).generateReport.id;
  });

  test('a new report is private to its author until shared; then every member reads it, and unsharing hides it again', async () => {
    const REPORT = `query($id: ID!) { report(id: $id) { id visibility sharedAt } }`;
    expect(codesOf(await gql(REPORT, { id: reportId }, colleague.token))).toEqual(['FORBIDDEN']);

    const shared = (await ok(`mutation($i: ShareReportInput!) { shareReport(input: $i) { visibility sharedAt } }`, { i: { reportId, message: 'Q3 results' } }, admin.token)).shareReport;
    expect(shared.visibility).toBe('WORKSPACE');
    const seen = (await ok(REPORT, { id: reportId }, colleague.token)).report;
    expect(seen.visibility).toBe('WORKSPACE');
    const listed = (await ok(`query($id: ID!) { workspace(id: $id) { name sharedReports { id } } }`, { id: admin.workspaceId }, colleague.token)).workspace;
    expect(listed.sharedReports.map((r: { id: string }) => r.id)).toContain(reportId);

    expect(codesOf(await gql(`mutation($id: ID!) { unshareReport(reportId: $id) { id } }`, { id: reportId }, colleague.token))).toEqual(['FORBIDDEN']);
    await ok(`mutation($id: ID!) { unshareReport(reportId: $id) { visibility } }`, { id: reportId }, admin.token);
    expect(codesOf(await gql(REPORT, { id: reportId }, colleague.token))).toEqual(['FORBIDDEN']);
  });
});
