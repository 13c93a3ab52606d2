import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createTokenVerifier, type Principal } from '@verbatim/kit';
import { startTestService, uniqueName, type TestService } from '@verbatim/kit/testing';
import { createIdentity, type Identity } from '../src/app.js';

let identity: TestService<Identity>;
let verifier: ReturnType<typeof createTokenVerifier>;
const deps = () => identity.app.deps;

/** Runs an operation on the identity server as `principal` (anonymous by default). */
const run = (query: string, variables: Record<string, unknown> = {}, principal: Principal | null = null) =>
  identity.gql(principal, query, variables) as Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken expiresAt user { id firstName email } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`;
const CREATE_WS = `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { accessToken workspace { id name myRole members { firstName role } } } }`;
const ADD_MEMBER = `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id members { userId role } } }`;

async function registerUser(firstName: string) {
  const email = `${uniqueName(firstName.toLowerCase())}@client.example`;
  const r = await run(REGISTER, { input: { firstName, email, password: 'twelve chars at least' } });
  expect(r.errors).toBeUndefined();
  return { ...r.data.register, email, principal: await verifier.verify(r.data.register.accessToken) };
}

beforeAll(async () => {
  const config = { JWT_ISSUER: 'verbatim-identity', JWT_AUDIENCE: 'verbatim', TOKEN_TTL_SECONDS: 900, MAX_QUERY_DEPTH: 12 };
  identity = await startTestService('identity', (base) => createIdentity({ ...base, config }));
  verifier = createTokenVerifier(identity.app.keys, identity.app.deps.keys.settings, identity.denyList);
});

afterAll(async () => {
  await identity?.stop();
});

describe('identity subgraph on a real database', () => {
  test('registering stores an Argon2id hash, never the password, and returns a verifiable EdDSA token', async () => {
    const user = await registerUser('Ana');
    const stored = await deps().users.findById(user.user.id);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(stored)).not.toContain('twelve chars at least');
    expect(user.principal.userId).toBe(user.user.id);
    expect(user.principal.workspaces).toEqual({});
  });

  test('a platform staff role granted on the account is in the tokens from the next sign-in, and gone after removal', async () => {
    const user = await registerUser('Dora');
    expect(user.principal.platformRoles).toEqual([]);
    await deps().users.setPlatformRole(user.user.id, 'DPO', true);
    const login = async () => verifier.verify((await run(LOGIN, { input: { email: user.email, password: 'twelve chars at least' } })).data.login.accessToken);
    expect((await login()).platformRoles).toEqual(['DPO']);
    expect((await deps().users.findByPlatformRole('DPO')).map((u) => u._id)).toContain(user.user.id);
    await deps().users.setPlatformRole(user.user.id, 'DPO', false);
    expect((await login()).platformRoles).toEqual([]);
  });

  test('a second account with the same email, in another case, is refused with CONFLICT', async () => {
    const user = await registerUser('Ben');
    const again = await run(REGISTER, { input: { firstName: 'Ben', email: user.email.toUpperCase(), password: 'another long password' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('invalid registration input lists every problem under BAD_USER_INPUT and stores nothing', async () => {
    const before = await deps().users.model.countDocuments();
    const r = await run(REGISTER, { input: { firstName: ' ', email: 'no-at-sign', password: 'short' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/firstName.*email.*password/);
    expect(await deps().users.model.countDocuments()).toBe(before);
  });

  test('login accepts the right password and answers the same UNAUTHENTICATED error for a wrong password or an unknown email', async () => {
    const user = await registerUser('Chloe');
    const good = await run(LOGIN, { input: { email: user.email, password: 'twelve chars at least' } });
    expect(good.data.login.user.id).toBe(user.user.id);
    const wrongPassword = await run(LOGIN, { input: { email: user.email, password: 'wrong password here' } });
    const unknownEmail = await run(LOGIN, { input: { email: 'nobody@client.example', password: 'twelve chars at least' } });
    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail.errors?.[0]).toEqual(wrongPassword.errors?.[0]);
  });

  test('creating a workspace makes the caller its admin and returns a token that lists it', async () => {
    const user = await registerUser('Dana');
    const r = await run(CREATE_WS, { input: { name: 'Acme research' } }, user.principal);
    const { workspace, accessToken } = r.data.createWorkspace;
    expect(workspace.myRole).toBe('ADMIN');
    expect(workspace.members).toEqual([{ firstName: 'Dana', role: 'ADMIN' }]);
    expect((await verifier.verify(accessToken)).workspaces).toEqual({ [workspace.id]: 'ADMIN' });
  });

  test('only an admin adds members, and a non-member cannot read the workspace', async () => {
    const admin = await registerUser('Eve');
    const member = await registerUser('Femi');
    const outsider = await registerUser('Gus');
    const created = (await run(CREATE_WS, { input: { name: 'Team' } }, admin.principal)).data.createWorkspace;
    const adminP = await verifier.verify(created.accessToken);
    const wsId = created.workspace.id;
    const added = await run(ADD_MEMBER, { input: { workspaceId: wsId, email: member.email, role: 'MEMBER' } }, adminP);
    expect(added.data.addWorkspaceMember.members).toHaveLength(2);
    const memberP: Principal = { userId: member.user.id, workspaces: { [wsId]: 'MEMBER' }, platformRoles: [] };
    const byMember = await run(ADD_MEMBER, { input: { workspaceId: wsId, email: outsider.email, role: 'ADMIN' } }, memberP);
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await run(`query($id: ID!) { workspace(id: $id) { name } }`, { id: wsId }, outsider.principal);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(read.data).toBeNull();
  });

  test('a token signed by another key, or expired, is rejected with a reason', async () => {
    const ctx = await verifier.context('Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.AAAA');
    expect(ctx.principal).toBeNull();
    expect(ctx.authProblem).toMatch(/not valid/);
    expect((await verifier.context('Basic abc')).authProblem).toMatch(/Bearer/);
  });

  test('erasure of a user deletes the account and removes them from every workspace; restriction flags them', async () => {
    const admin = await registerUser('Hana');
    const leaving = await registerUser('Ivo');
    const created = (await run(CREATE_WS, { input: { name: 'Shared' } }, admin.principal)).data.createWorkspace;
    await run(ADD_MEMBER, { input: { workspaceId: created.workspace.id, email: leaving.email, role: 'MEMBER' } }, await verifier.verify(created.accessToken));
    const strategies = identity.app.rights;
    const base = { requestId: '6f1c2b9a-1d2e-4f3a-8b4c-5d6e7f8a9b0c', subjectType: 'USER' as const, subjectId: leaving.user.id };
    expect(await strategies.RESTRICTION!({ ...base, kind: 'RESTRICTION' })).toEqual([
      { collection: 'users', action: 'RESTRICTED', count: 1 },
      { collection: 'assistance_threads', action: 'RESTRICTED', count: 0 },
    ]);
    expect((await deps().users.findById(leaving.user.id))?.restricted).toBe(true);
    // Restricted: no sign-in, no refresh, and the tokens issued so far are refused.
    const relogin = await run(LOGIN, { input: { email: leaving.email, password: 'twelve chars at least' } });
    expect(relogin.errors?.[0]?.extensions?.code).toBe('ACCOUNT_RESTRICTED');
    expect((await verifier.context(`Bearer ${leaving.accessToken}`)).principal).toBeNull();
    const counts = await strategies.ERASURE!({ ...base, kind: 'ERASURE' });
    expect(counts).toEqual([
      { collection: 'workspaces', action: 'UPDATED', count: 1 },
      // The session of the registration, and its email verification link.
      { collection: 'sessions', action: 'DELETED', count: 1 },
      { collection: 'account_tokens', action: 'DELETED', count: 1 },
      { collection: 'privacy_policy_notices', action: 'DELETED', count: 0 },
      { collection: 'assistance_threads', action: 'DELETED', count: 0 },
      { collection: 'interests', action: 'DELETED', count: 0 },
      { collection: 'access_grants', action: 'DELETED', count: 0 },
      { collection: 'access_grants', action: 'UPDATED', count: 0 },
      { collection: 'users', action: 'DELETED', count: 1 },
    ]);
    expect(await deps().users.findById(leaving.user.id)).toBeNull();
    expect((await deps().workspaces.findById(created.workspace.id))?.members.map((m) => m.userId)).toEqual([admin.user.id]);
    expect(await strategies.ERASURE!({ ...base, kind: 'ERASURE', subjectType: 'RESPONDENT' })).toEqual([{ collection: 'respondent_codes', action: 'DELETED', count: 0 }]);
  });
  test("lifting a user's restriction queues the Art. 18(3) notice to them before processing resumes, once", async () => {
    const user = await registerUser('Jade');
    const strategies = identity.app.rights;
    const base = { requestId: '7a2d3c0b-2e3f-4a4b-9c5d-6e7f8a9b0c1d', subjectType: 'USER' as const, subjectId: user.user.id };
    await strategies.RESTRICTION!({ ...base, kind: 'RESTRICTION' });
    const outbox = identity.conn.collection('mail_outbox');
    expect(await outbox.countDocuments({ to: user.email, templateId: 'restriction-lifting' })).toBe(0);
    expect(await strategies.LIFT_RESTRICTION!({ ...base, kind: 'LIFT_RESTRICTION' })).toEqual([
      { collection: 'assistance_threads', action: 'RESUMED', count: 0 },
      { collection: 'users', action: 'RESUMED', count: 1 },
    ]);
    const [notice] = await outbox.find({ to: user.email, templateId: 'restriction-lifting' }).toArray();
    // The relay may already have sent it, and a sent mail keeps no variables (its text is gone with them).
    if (notice?.['status'] === 'QUEUED') expect(notice).toMatchObject({ variables: { firstName: 'Jade' } });
    else expect(notice).toMatchObject({ status: 'SENT', locale: 'en' });
    expect((await deps().users.findById(user.user.id))?.restricted).toBe(false);
    // A redelivered lift finds nothing restricted and mails nothing more.
    expect(await strategies.LIFT_RESTRICTION!({ ...base, kind: 'LIFT_RESTRICTION' })).toEqual([{ collection: 'users', action: 'RESUMED', count: 0 }]);
    expect(await outbox.countDocuments({ to: user.email, templateId: 'restriction-lifting' })).toBe(1);
  });

  test('an objection to COMMUNICATION is recorded on the user, and its override removes it; other purposes change nothing here', async () => {
    const user = await registerUser('Kim');
    const strategies = identity.app.rights;
    const base = { requestId: '8b3e4d1c-3f4a-4b5c-8d6e-7f8a9b0c1d2e', kind: 'OBJECTION' as const, subjectType: 'USER' as const, subjectId: user.user.id };
    expect(await strategies.OBJECTION!({ ...base, objection: { purposes: ['ANALYSIS'], overridden: false } })).toEqual([]);
    expect(await strategies.OBJECTION!({ ...base, objection: { purposes: ['COMMUNICATION', 'ANALYSIS'], overridden: false } })).toEqual([{ collection: 'users', action: 'UPDATED', count: 1 }]);
    expect((await deps().users.findById(user.user.id))?.objections).toEqual(['COMMUNICATION']);
    await strategies.OBJECTION!({ ...base, objection: { purposes: ['COMMUNICATION'], overridden: true } });
    expect((await deps().users.findById(user.user.id))?.objections).toEqual([]);
  });
});
