import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventBus } from '@verbatim/kit';
import { startTestService, uniqueName, type TestService } from '@verbatim/kit/testing';
import { createIdentity, type Identity } from '../src/app.js';
import type { IdentityDeps as AccountDeps } from '../src/domain/deps.js';
import { identityRightsStrategies } from '../src/domain/rights.js';

let identity: TestService<Identity>;
// Only ACCESS publishes from a strategy; an erasure's acknowledgement is the kit's.
const noBus: Pick<EventBus, 'publish'> = { publish: () => Promise.reject(new Error('an erasure strategy publishes nothing')) };
let deps: AccountDeps;

beforeAll(async () => {
  identity = await startTestService('identity', (base) => createIdentity({ ...base, config: { JWT_ISSUER: 'verbatim-identity', JWT_AUDIENCE: 'verbatim', MAX_QUERY_DEPTH: 12 } }));
  deps = identity.app.deps;
});

afterAll(async () => {
  await identity?.stop();
});

async function memberOfOneWorkspace() {
  const userId = randomUUID();
  const workspaceId = randomUUID();
  expect(await deps.users.insert({ _id: userId, firstName: 'Ina', email: `${uniqueName('ina')}@client.example`, passwordHash: 'x', restricted: false, createdAt: new Date() })).toBe('inserted');
  await deps.workspaces.insert({ _id: workspaceId, name: 'W', createdAt: new Date(), members: [{ userId: randomUUID(), role: 'ADMIN' }, { userId, role: 'MEMBER' }], rev: 0 });
  return { userId, workspaceId };
}

describe("a user's erasure while their workspace keeps changing", () => {
  test('fails loudly (CONFLICT) instead of reporting DONE, and leaves the account and membership for the retry', async () => {
    const { userId, workspaceId } = await memberOfOneWorkspace();
    // Another admin's write lands between every read and write of the erasure.
    const contended: AccountDeps = {
      ...deps,
      workspaces: {
        ...deps.workspaces,
        async findById(id: string) {
          const ws = await deps.workspaces.findById(id);
          if (ws) await deps.workspaces.replaceMembers(ws._id, ws.rev, ws.members);
          return ws;
        },
      } as AccountDeps['workspaces'],
    };
    const erasure = identityRightsStrategies(contended, noBus).ERASURE!({ requestId: randomUUID(), kind: 'ERASURE', subjectType: 'USER', subjectId: userId, workspaceId: null });
    await expect(erasure).rejects.toMatchObject({ name: 'RevisionConflictError', code: 'CONFLICT' });
    expect(await deps.users.findById(userId)).not.toBeNull();
    expect((await deps.workspaces.findById(workspaceId))!.members.map((m) => m.userId)).toContain(userId);

    // The redelivered request, once the workspace is quiet, finishes the job.
    const retried = await identityRightsStrategies(deps, noBus).ERASURE!({ requestId: randomUUID(), kind: 'ERASURE', subjectType: 'USER', subjectId: userId, workspaceId: null });
    expect(retried).toEqual([
      { collection: 'workspaces', action: 'UPDATED', count: 1 },
      { collection: 'sessions', action: 'DELETED', count: 0 },
      { collection: 'account_tokens', action: 'DELETED', count: 0 },
      { collection: 'privacy_policy_notices', action: 'DELETED', count: 0 },
      { collection: 'assistance_threads', action: 'DELETED', count: 0 },
      { collection: 'interests', action: 'DELETED', count: 0 },
      { collection: 'access_grants', action: 'DELETED', count: 0 },
      { collection: 'access_grants', action: 'UPDATED', count: 0 },
      { collection: 'users', action: 'DELETED', count: 1 },
    ]);
    expect((await deps.workspaces.findById(workspaceId))!.members.map((m) => m.userId)).not.toContain(userId);
  });
});
