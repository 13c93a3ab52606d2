import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { ok } from '../support/graph.js';
import { createTenant } from '../support/tenant.js';
import { ADD_RESPONSES } from './seeded-workspace.js';

const AUDIT_LOG = `query($id: ID!) { workspace(id: $id) { auditLog(first: 200) { id service at actorUserId actorClientId operationType operationName fields subjectRefs truncated } } }`;
const READ_CUSTOMERS = `query ReadCustomers($id: ID!) { dataset(id: $id) { responses(first: 10) { id submittedAt consentRef respondent { id externalId } } } }`;
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { id } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { status subjectDigest } }`;

describe('the audit log of personal data, through the gateway', () => {
  test('a read of customers is logged with who, which fields and which objects (ids, never values); an erasure leaves the entry naming the person by digest only', async () => {
    const owner = await createTenant('auditor');
    const auditLog = async () => (await ok(AUDIT_LOG, { id: owner.workspaceId }, owner.token)).workspace.auditLog as any[];
    const datasetId = (await ok(`mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`, { input: { workspaceId: owner.workspaceId, name: 'Audited survey' } }, owner.token)).createDataset.id;
    const secret = 'Ottoline Vasquez-Brandt';
    await ok(ADD_RESPONSES, { input: { datasetId, responses: [{ externalId: 'aud-1', name: secret, email: 'ottoline@example.org', text: 'Late parcel, rude courier.', consentRef: 'form-1', submittedAt: '2026-10-01T10:00:00Z' }] } }, owner.token);

    const read = (await ok(READ_CUSTOMERS, { id: datasetId }, owner.token)).dataset.responses;
    const responseId = read[0].id;
    const respondentId = read[0].respondent.id;
    const entry = await waitFor(async () => (await auditLog()).find((e) => e.operationName === 'ReadCustomers'), { timeoutMs: 30_000, what: 'the ReadCustomers audit entry' });
    expect(entry).toMatchObject({ service: 'ingestion', actorUserId: owner.userId });
    expect(entry.fields).toEqual(expect.arrayContaining(['Response.submittedAt', 'Response.consentRef', 'Respondent.externalId']));
    // The person read, not the objects: each response names its respondent.
    expect(entry.subjectRefs).toEqual([respondentId]);
    expect(responseId).toBeDefined();
    expect(JSON.stringify(entry)).not.toMatch(/aud-1|form-1|Ottoline|2026-10-01/);

    const erasure = (await ok(ERASE, { input: { workspaceId: owner.workspaceId, respondentId, ground: 'OBJECTION' } }, owner.token)).requestErasure;
    const done = await waitFor(async () => {
      const r = (await ok(RIGHTS, { id: erasure.id }, owner.token)).rightsRequest;
      return r.status === 'COMPLETED' ? r : undefined;
    }, { timeoutMs: 60_000, what: 'the erasure to complete' });
    const after = (await auditLog()).find((e) => e.id === entry.id);
    expect(after.subjectRefs).not.toContain(respondentId);
    expect(after.subjectRefs).toContain(done.subjectDigest);
  }, 120_000);
});
