import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createTokenVerifier, type Principal } from '@verbatim/kit';
import { startTestService, uniqueName, type TestService } from '@verbatim/kit/testing';
import { createIdentity, type Identity } from '../src/app.js';

let identity: TestService<Identity>;
let verifier: ReturnType<typeof createTokenVerifier>;
const deps = () => identity.app.deps;

const run = (query: string, variables: Record<string, unknown> = {}, principal: Principal | null = null) =>
  identity.gql(principal, query, variables) as Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
const codes = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const CREATE_WS = `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { accessToken workspace { id } } }`;
const REQUEST = `mutation($input: RequestAccessGrantInput!) { requestAccessGrant(input: $input) { id status } }`;
const APPROVE = `mutation($input: AccessGrantDecisionInput!) { approveAccessGrant(input: $input) { id status } }`;
const DENY = `mutation($input: AccessGrantDecisionInput!) { denyAccessGrant(input: $input) { id status } }`;
const REVOKE = `mutation($input: AccessGrantDecisionInput!) { revokeAccessGrant(input: $input) { id status } }`;
const GRANT_TOKEN = `mutation($grantId: ID!) { accessTokenForGrant(grantId: $grantId) { accessToken grant { id } } }`;
const reason = 'Ticket 52: the import of 3 December stopped half way; checking the rows.';

async function registerUser(firstName: string) {
  const email = `${uniqueName(firstName.toLowerCase())}@client.example`;
  const r = await run(REGISTER, { input: { firstName, email, password: 'twelve chars at least' } });
  return { id: r.data.register.user.id as string, principal: await verifier.verify(r.data.register.accessToken) };
}

async function adminWithWorkspace(firstName: string) {
  const user = await registerUser(firstName);
  const created = (await run(CREATE_WS, { input: { name: `${firstName}'s` } }, user.principal)).data.createWorkspace;
  return { id: user.id, workspaceId: created.workspace.id as string, principal: await verifier.verify(created.accessToken) };
}

async function staffMember(firstName: string) {
  const user = await registerUser(firstName);
  await deps().users.setPlatformRole(user.id, 'SUPPORT', true);
  return { id: user.id, principal: { ...user.principal, platformRoles: ['SUPPORT' as const] } };
}

beforeAll(async () => {
  const config = { JWT_ISSUER: 'verbatim-identity', JWT_AUDIENCE: 'verbatim', TOKEN_TTL_SECONDS: 900, MAX_QUERY_DEPTH: 12 };
  identity = await startTestService('identity', (base) => createIdentity({ ...base, config }));
  verifier = createTokenVerifier(identity.app.keys, identity.app.deps.keys.settings, identity.denyList);
});

afterAll(async () => {
  await identity?.stop();
});

describe('staff access grants on a real database', () => {
  test('an approval and a denial at once: one wins, the other is ACCESS_GRANT_NOT_PENDING, and the stored grant is the winner\'s', async () => {
    const admin = await adminWithWorkspace('Nadia');
    const staff = await staffMember('Omar');
    const grant = (await run(REQUEST, { input: { workspaceId: admin.workspaceId, reason, durationMinutes: 60 } }, staff.principal)).data.requestAccessGrant;
    const input = { workspaceId: admin.workspaceId, grantId: grant.id };
    const [approve, deny] = await Promise.all([run(APPROVE, { input }, admin.principal), run(DENY, { input }, admin.principal)]);
    expect([...codes(approve), ...codes(deny)]).toEqual(['ACCESS_GRANT_NOT_PENDING']);
    const stored = await deps().accessGrants.model.findById(grant.id).lean();
    expect(stored?.status).toBe(codes(approve).length ? 'DENIED' : 'ACTIVE');
    expect(stored?.decidedBy).toBe(admin.id);
  });

  test('revoking an active grant stops it in this process at once, and the grant token path refuses it', async () => {
    const admin = await adminWithWorkspace('Pia');
    const staff = await staffMember('Quentin');
    const grant = (await run(REQUEST, { input: { workspaceId: admin.workspaceId, reason, durationMinutes: 60 } }, staff.principal)).data.requestAccessGrant;
    await run(APPROVE, { input: { workspaceId: admin.workspaceId, grantId: grant.id } }, admin.principal);
    const token = (await run(GRANT_TOKEN, { grantId: grant.id }, staff.principal)).data.accessTokenForGrant.accessToken;
    expect((await verifier.verify(token)).accessGrant).toMatchObject({ grantId: grant.id, workspaceId: admin.workspaceId, reason });
    expect((await run(REVOKE, { input: { workspaceId: admin.workspaceId, grantId: grant.id } }, staff.principal)).data.revokeAccessGrant.status).toBe('REVOKED');
    expect(deps().denyList.grantRevoked(grant.id)).toBe(true);
    expect((await verifier.verify(token)).accessGrant).toBeUndefined();
    expect(codes(await run(GRANT_TOKEN, { grantId: grant.id }, staff.principal))).toEqual(['ACCESS_GRANT_NOT_ACTIVE']);
  });

  test("erasure: a staff member's grants are deleted; an ADMIN who decided one is no longer named by it", async () => {
    const admin = await adminWithWorkspace('Rosa');
    const staff = await staffMember('Sami');
    const grant = (await run(REQUEST, { input: { workspaceId: admin.workspaceId, reason, durationMinutes: 60 } }, staff.principal)).data.requestAccessGrant;
    await run(APPROVE, { input: { workspaceId: admin.workspaceId, grantId: grant.id } }, admin.principal);
    expect((await deps().accessGrants.naming(admin.id)).map((g) => g._id)).toEqual([grant.id]);
    const erase = (subjectId: string) => identity.app.rights.ERASURE!({ requestId: '8b3e4d1c-3f4a-4b5c-8d6e-7f8a9b0c1d2e', kind: 'ERASURE', subjectType: 'USER', subjectId });
    expect(await erase(admin.id)).toEqual(expect.arrayContaining([{ collection: 'access_grants', action: 'UPDATED', count: 1 }]));
    expect(await deps().accessGrants.naming(admin.id)).toEqual([]);
    expect(await erase(staff.id)).toEqual(expect.arrayContaining([{ collection: 'access_grants', action: 'DELETED', count: 1 }]));
    expect(await deps().accessGrants.model.findById(grant.id).lean()).toBeNull();
  });
});
