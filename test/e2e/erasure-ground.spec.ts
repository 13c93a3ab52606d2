import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { ok } from '../support/graph.js';
import { createTenant } from '../support/tenant.js';
import { seedWorkspace } from './seeded-workspace.js';

const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { id status erasureGround } }`;
const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { status erasureGround subjectId subjectDigest acknowledgements { service counts { action count } } } }`;

async function settled(id: string, token: string): Promise<any> {
  return waitFor(
    async () => {
      const r = (await ok(RIGHTS, { id }, token)).rightsRequest;
      return r.status !== 'IN_PROGRESS' ? r : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `rights request ${id} to settle` },
  );
}

describe('erasure (Art. 17): its ground, and an unknown subject', () => {
  test('an erasure records its Art. 17(1) ground and completes with the proof', async () => {
    const { owner, respondentIds } = await seedWorkspace(['Bérénice Lamarque', 'Cuthbert Ellery', 'Nolwenn Guivarc']);
    const respondentId = [...respondentIds.values()][0]!;
    const opened = (await ok(ERASE, { input: { workspaceId: owner.workspaceId, respondentId, ground: 'CONSENT_WITHDRAWN' } }, owner.token)).requestErasure;
    expect(opened.erasureGround).toBe('CONSENT_WITHDRAWN');
    const started = Date.now();
    const done = await settled(opened.id, owner.token);
    process.stdout.write(`erasure (respondent): ${Date.now() - started} ms\n`);
    expect(done).toMatchObject({ status: 'COMPLETED', erasureGround: 'CONSENT_WITHDRAWN', subjectId: null });
  });

  test('an erasure of a subject no holder knows ends NOT_FOUND, never a COMPLETED proof with zero counts', async () => {
    const owner = await createTenant('erase-unknown');
    const opened = (await ok(ERASE, { input: { workspaceId: owner.workspaceId, respondentId: randomUUID(), ground: 'NO_LONGER_NECESSARY' } }, owner.token)).requestErasure;
    const done = await settled(opened.id, owner.token);
    expect(done.status).toBe('NOT_FOUND');
    expect(done.acknowledgements.flatMap((a: any) => a.counts).filter((c: any) => c.action === 'DELETED' && c.count > 0)).toEqual([]);
    expect(done.acknowledgements).toHaveLength(5);
  });
});
