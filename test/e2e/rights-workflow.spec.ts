import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { HOLDERS } from '@verbatim/contracts';
import { mailsTo, waitFor } from '@verbatim/kit/testing';
import { codesOf, gql, ok } from '../support/graph.js';
import { seedWorkspace } from './seeded-workspace.js';

const FIELDS = 'id status holdReason legalHoldId dueAt requestedAt repetition { count } extension { months reason } refusal { justification } tasks { service status asks attempts lastError }';
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { ${FIELDS} } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { rightsRequest(id: $id) { ${FIELDS} } }`;
const HOLD = `mutation($input: LegalHoldInput!) { placeLegalHold(input: $input) { id reference liftedAt } }`;
const LIFT = `mutation($id: ID!) { liftLegalHold(holdId: $id) { id liftedAt } }`;
const EXTEND = `mutation($input: RightsExtensionInput!) { extendRightsDeadline(input: $input) { ${FIELDS} } }`;
const REFUSE = `mutation($input: RightsRefusalInput!) { refuseRightsRequest(input: $input) { ${FIELDS} } }`;
const WORKSPACE = `query($id: ID!) { workspace(id: $id) {
  rightsRequests(orderBy: DUE_AT_ASC) { id status dueAt }
  legalHolds { id reference liftedAt }
  rightsAudit { action holdId requestId reference }
} }`;
const RESPONSES = `query($id: ID!) { dataset(id: $id) { responseCount } }`;

const until = (id: string, token: string, ok_: (r: any) => boolean, what: string) =>
  waitFor(
    async () => {
      const r = (await ok(GET, { id }, token)).rightsRequest;
      return ok_(r) ? r : undefined;
    },
    { timeoutMs: 60_000, what },
  );

describe('the rights workflow through the gateway', () => {
  test('an erasure of a respondent under a legal hold waits ON_HOLD with nothing erased, completes once the hold is lifted with every task DONE, and the ADMIN reads the audit', async () => {
    const { owner, datasetId, respondentIds } = await seedWorkspace(['Gwenaëlle Trébern', 'Anselme Vasseur', 'Philippa Ormsby']);
    const respondentId = [...respondentIds.values()][0]!;
    const reference = `Tribunal judiciaire de Lyon, RG ${randomBytes(3).toString('hex')}`;
    const hold = (await ok(HOLD, { input: { workspaceId: owner.workspaceId, respondentId, reference } }, owner.token)).placeLegalHold;

    const erasure = (await ok(ERASE, { input: { workspaceId: owner.workspaceId, respondentId } }, owner.token)).requestErasure;
    expect(erasure).toMatchObject({ status: 'ON_HOLD', holdReason: 'LEGAL_HOLD', legalHoldId: hold.id, tasks: [] });
    expect((await ok(RESPONSES, { id: datasetId }, owner.token)).dataset.responseCount).toBe(9);

    const lifting = Date.now();
    await ok(LIFT, { id: hold.id }, owner.token);
    const done = await until(erasure.id, owner.token, (r) => r.status === 'COMPLETED', 'the erasure to complete after the hold');
    process.stdout.write(`erasure after a legal hold is lifted: completed in ${Date.now() - lifting} ms\n`);
    expect(done.tasks.map((t: any) => [t.service, t.status, t.asks])).toEqual(HOLDERS.map((s) => [s, 'DONE', 1]));
    expect(done.tasks.every((t: any) => t.attempts >= 1 && t.lastError === null)).toBe(true);
    await waitFor(async () => (await ok(RESPONSES, { id: datasetId }, owner.token)).dataset.responseCount === 6, { what: 'the respondent’s responses erased' });

    const workspace = (await ok(WORKSPACE, { id: owner.workspaceId }, owner.token)).workspace;
    expect(workspace.legalHolds).toEqual([{ id: hold.id, reference, liftedAt: expect.any(String) }]);
    expect(workspace.rightsAudit.filter((a: any) => a.holdId === hold.id).map((a: any) => [a.action, a.reference])).toEqual([
      ['LEGAL_HOLD_LIFTED', reference],
      ['LEGAL_HOLD_PLACED', reference],
    ]);
  });

  test('a deadline is extended once with a reason mailed to the subject; a third identical request is flagged and refused with the CNIL contact mailed', async () => {
    const { owner, respondentIds } = await seedWorkspace(['Ysolde Kerjean', 'Bartholomew Quill', 'Oriane Delacroix']);
    const respondentId = [...respondentIds.values()][1]!;
    const contactEmail = `subject-${randomBytes(4).toString('hex')}@example.com`;
    const input = { workspaceId: owner.workspaceId, respondentId, contactEmail, contactLocale: 'EN' };

    const first = (await ok(RESTRICT, { input }, owner.token)).requestRestriction;
    const extended = (await ok(EXTEND, { input: { requestId: first.id, months: 1, reason: 'Archived answers must be searched too' } }, owner.token)).extendRightsDeadline;
    expect(extended.extension).toEqual({ months: 1, reason: 'Archived answers must be searched too' });
    expect(new Date(extended.dueAt).getTime()).toBeGreaterThan(new Date(first.dueAt).getTime());
    const [notice] = await mailsTo(contactEmail);
    expect(notice!.Subject).toBe(`Your request ${first.id}: deadline extended`);
    expect(codesOf(await gql(EXTEND, { input: { requestId: first.id, months: 1, reason: 'again' } }, owner.token))).toEqual(['PRECONDITION_FAILED']);
    await until(first.id, owner.token, (r) => r.status === 'COMPLETED', 'the first restriction');

    const second = (await ok(RESTRICT, { input }, owner.token)).requestRestriction;
    expect(second.repetition).toBeNull();
    await until(second.id, owner.token, (r) => r.status === 'COMPLETED', 'the second restriction');
    const third = (await ok(RESTRICT, { input }, owner.token)).requestRestriction;
    expect(third).toMatchObject({ status: 'ON_HOLD', holdReason: 'REPETITIVE', repetition: { count: 3 } });

    expect(codesOf(await gql(REFUSE, { input: { requestId: third.id } }, owner.token))).toEqual(['BAD_USER_INPUT']);
    const justification = 'A third identical request within days, with nothing new to restrict.';
    const refused = (await ok(REFUSE, { input: { requestId: third.id, justification } }, owner.token)).refuseRightsRequest;
    expect(refused).toMatchObject({ status: 'REFUSED', refusal: { justification }, tasks: [] });
    const refusal = (await mailsTo(contactEmail, 2)).find((m) => m.Subject.includes('refused'))!;
    expect(refusal.Text).toContain(justification);
    expect(refusal.Text).toContain('CNIL');

    const listed = (await ok(WORKSPACE, { id: owner.workspaceId }, owner.token)).workspace.rightsRequests;
    const dues = listed.map((r: any) => new Date(r.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((a: number, b: number) => a - b));
  });
});
