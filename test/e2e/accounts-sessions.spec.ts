import { describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { linkTokenMailedTo, waitFor } from '@verbatim/kit/testing';
import { codesOf, freshLoopbackAddress, gatewayUrl, gql, gqlFrom, ok, type GraphResult } from '../support/graph.js';
import { partnerOperation } from '../support/partner.js';
import { createTenant } from '../support/tenant.js';

const PASSWORD = 'a long enough passphrase';
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }`;
const REFRESH = `mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken refreshToken } }`;
const CREATE_DATASET = `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`;
const DATASET = `query($id: ID!) { dataset(id: $id) { id name } }`;

const address = () => `${randomBytes(5).toString('hex')}@client.example`;
const errorDetails = (r: GraphResult<unknown>) => (r.errors?.[0]?.extensions as { details?: { retryAfterSeconds?: number } } | undefined)?.details;

/** A dataset of the tenant's workspace, read through ingestion only (another subgraph than identity). */
async function datasetOf(token: string, workspaceId: string): Promise<string> {
  return (await ok(CREATE_DATASET, { i: { workspaceId, name: 'Sessions survey' } }, token)).createDataset.id;
}

/** Resolves with the milliseconds until ingestion refuses `token` (UNAUTHENTICATED); an API client's reads with its registered operation. */
async function refusedByIngestion(token: string, datasetId: string, query = DATASET): Promise<number> {
  const started = Date.now();
  await waitFor(async () => codesOf(await gql(query, { id: datasetId }, token)).includes('UNAUTHENTICATED'), { what: 'ingestion to refuse the revoked token', timeoutMs: 10_000 });
  return Date.now() - started;
}

/**
 * Wrong passwords from one address as fast as the answers allow. A short RATE_LIMITED (a growing
 * delay) is waited out by polling with further tries (refused ones check no password and count
 * nothing); a long one is the lock.
 */
async function hammer(email: string) {
  const from = freshLoopbackAddress();
  const started = Date.now();
  let failures = 0;
  let refused = 0;
  const attempt = async () => {
    const r = await gqlFrom(from, LOGIN, { i: { email, password: 'not the password at all' } });
    const code = codesOf(r)[0];
    if (code === 'UNAUTHENTICATED') {
      failures++;
      return 'checked' as const;
    }
    expect(code).toBe('RATE_LIMITED');
    refused++;
    return (errorDetails(r)?.retryAfterSeconds ?? 0) > 60 ? { locked: errorDetails(r)!.retryAfterSeconds!, message: r.errors?.[0]?.message } : ('delayed' as const);
  };
  for (;;) {
    const outcome = await waitFor(async () => {
      const o = await attempt();
      return o === 'delayed' ? false : o;
    }, { what: 'a sign-in delay to end', timeoutMs: 60_000, intervalMs: 100 });
    if (outcome !== 'checked') return { failures, refused, seconds: (Date.now() - started) / 1000, lockSeconds: outcome.locked, message: outcome.message };
  }
}

describe('accounts and sessions, through the gateway', () => {
  test('wrong passwords are slowed down then locked after the same number of tries whether or not the account exists', async () => {
    const tenant = await createTenant('locked');
    const unknown = address();
    const [known, missing] = await Promise.all([hammer(tenant.email), hammer(unknown)]);
    const attemptsToLock = (r: typeof known) => r.failures;
    console.log(
      `attempts-to-lock: existing account ${known.failures} checked tries (+${known.refused} refused during delays) in ${known.seconds.toFixed(1)} s, locked ${known.lockSeconds} s; ` +
        `unknown email ${missing.failures} checked (+${missing.refused} refused) in ${missing.seconds.toFixed(1)} s, locked ${missing.lockSeconds} s`,
    );
    expect(known.message).toBe(missing.message);
    expect(known.lockSeconds).toBeGreaterThan(800);
    // The default policy locks at the 8th checked failure, identically for both.
    expect([attemptsToLock(known), attemptsToLock(missing)]).toEqual([8, 8]);
    // While locked, even the right password is refused, from any address.
    const right = await gqlFrom(freshLoopbackAddress(), LOGIN, { i: { email: tenant.email, password: PASSWORD } });
    expect(codesOf(right)).toEqual(['RATE_LIMITED']);
  }, 120_000);

  test('a refresh token used twice closes its session: the rotated one is refused and its access tokens stop in another subgraph', async () => {
    const tenant = await createTenant('reuse');
    const datasetId = await datasetOf(tenant.token, tenant.workspaceId);
    const first = (await ok(REFRESH, { i: { refreshToken: tenant.refreshToken } })).refreshSession;
    expect(first.refreshToken).not.toBe(tenant.refreshToken);
    expect((await gql(DATASET, { id: datasetId }, first.accessToken)).data?.dataset.id).toBe(datasetId);

    const replay = await gql(REFRESH, { i: { refreshToken: tenant.refreshToken } });
    expect(codesOf(replay)).toEqual(['REFRESH_TOKEN_REUSED']);
    expect(codesOf(await gql(REFRESH, { i: { refreshToken: first.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    const ms = await refusedByIngestion(first.accessToken, datasetId);
    console.log(`refresh reuse: the family's access token refused by ingestion ${ms} ms after the replay`);
  });

  test('logout and logout everywhere are effective in another subgraph within seconds', async () => {
    const tenant = await createTenant('logout');
    const datasetId = await datasetOf(tenant.token, tenant.workspaceId);
    const other = (await ok(LOGIN, { i: { email: tenant.email, password: PASSWORD } })).login;
    expect(await ok(`mutation { logout }`, {}, tenant.token)).toEqual({ logout: true });
    const ms = await refusedByIngestion(tenant.token, datasetId);
    // The other session is untouched by a logout...
    expect((await gql(DATASET, { id: datasetId }, other.accessToken)).data?.dataset.id).toBe(datasetId);
    expect(codesOf(await gql(REFRESH, { i: { refreshToken: tenant.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    // ...and ended by logging out everywhere.
    await ok(`mutation { logoutEverywhere }`, {}, other.accessToken);
    const everywhereMs = await refusedByIngestion(other.accessToken, datasetId);
    expect(codesOf(await gql(REFRESH, { i: { refreshToken: other.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    console.log(`revocation: logout refused by ingestion after ${ms} ms, logout everywhere after ${everywhereMs} ms`);
  });

  test('a password reset link works once, ends every session, and an unknown address gets the same answer', async () => {
    const tenant = await createTenant('reset');
    const REQUEST = `mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) }`;
    const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
    expect(await ok(REQUEST, { i: { email: address() } })).toEqual({ requestPasswordReset: true });
    expect(await ok(REQUEST, { i: { email: tenant.email } })).toEqual({ requestPasswordReset: true });
    const token = await linkTokenMailedTo(tenant.email, 'reset-password');
    expect(await ok(RESET, { i: { token, newPassword: 'a brand new passphrase' } })).toEqual({ resetPassword: true });
    const again = await gql(RESET, { i: { token, newPassword: 'yet another passphrase' } });
    expect(codesOf(again)).toEqual(['LINK_INVALID']);
    expect(codesOf(await gql(LOGIN, { i: { email: tenant.email, password: PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
    expect((await ok(LOGIN, { i: { email: tenant.email, password: 'a brand new passphrase' } })).login.accessToken).toBeTruthy();
    expect(codesOf(await gql(REFRESH, { i: { refreshToken: tenant.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
  });

  test('registration mails a verification link that verifies the address once', async () => {
    const tenant = await createTenant('verify');
    expect((await ok(`query { me { emailVerified } }`, {}, tenant.token)).me.emailVerified).toBe(false);
    const token = await linkTokenMailedTo(tenant.email, 'verify-email');
    const VERIFY = `mutation($i: LinkTokenInput!) { verifyEmail(input: $i) { emailVerified } }`;
    expect((await ok(VERIFY, { i: { token } })).verifyEmail.emailVerified).toBe(true);
    expect(codesOf(await gql(VERIFY, { i: { token } }))).toEqual(['LINK_INVALID']);

    // An email change takes effect only when the link mailed to the new address is opened.
    const CHANGE = `mutation($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) }`;
    const newEmail = address();
    expect(codesOf(await gql(CHANGE, { i: { newEmail, password: 'not the password at all' } }, tenant.token))).toEqual(['UNAUTHENTICATED']);
    await ok(CHANGE, { i: { newEmail, password: PASSWORD } }, tenant.token);
    expect((await ok(`query { me { email } }`, {}, tenant.token)).me.email).toBe(tenant.email);
    const changeToken = await linkTokenMailedTo(newEmail, 'verify-email');
    expect((await ok(`mutation($i: LinkTokenInput!) { verifyEmail(input: $i) { email emailVerified } }`, { i: { token: changeToken } })).verifyEmail).toEqual({ email: newEmail, emailVerified: true });
    expect((await ok(LOGIN, { i: { email: newEmail, password: PASSWORD } })).login.accessToken).toBeTruthy();
  });

  test('an invitation is accepted only by its address, once; a workspace always keeps an ADMIN; a removed member is refused within seconds', async () => {
    const admin = await createTenant('inviter');
    const invitee = await createTenant('invitee');
    const stranger = await createTenant('stranger');
    const datasetId = await datasetOf(admin.token, admin.workspaceId);
    const INVITE = `mutation($i: InviteWorkspaceMemberInput!) { inviteWorkspaceMember(input: $i) { email role } }`;
    const ACCEPT = `mutation($i: LinkTokenInput!) { acceptInvitation(input: $i) { workspace { id myRole } accessToken } }`;
    expect(codesOf(await gql(INVITE, { i: { workspaceId: admin.workspaceId, email: stranger.email, role: 'ADMIN' } }, invitee.token))).toEqual(['FORBIDDEN']);
    await ok(INVITE, { i: { workspaceId: admin.workspaceId, email: invitee.email, role: 'MEMBER' } }, admin.token);
    const token = await linkTokenMailedTo(invitee.email, 'invitation');

    expect(codesOf(await gql(ACCEPT, { i: { token } }, stranger.token))).toEqual(['FORBIDDEN']);
    const accepted = (await ok(ACCEPT, { i: { token } }, invitee.token)).acceptInvitation;
    expect(accepted.workspace).toEqual({ id: admin.workspaceId, myRole: 'MEMBER' });
    expect(codesOf(await gql(ACCEPT, { i: { token } }, invitee.token))).toEqual(['LINK_INVALID']);
    expect((await gql(DATASET, { id: datasetId }, accepted.accessToken)).data?.dataset.id).toBe(datasetId);

    const REMOVE = `mutation($i: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $i) { members { userId role } } }`;
    const ROLE = `mutation($i: ChangeWorkspaceMemberRoleInput!) { changeWorkspaceMemberRole(input: $i) { members { userId role } } }`;
    expect(codesOf(await gql(REMOVE, { i: { workspaceId: admin.workspaceId, userId: admin.userId } }, admin.token))).toEqual(['LAST_ADMIN']);
    expect(codesOf(await gql(ROLE, { i: { workspaceId: admin.workspaceId, userId: admin.userId, role: 'MEMBER' } }, admin.token))).toEqual(['LAST_ADMIN']);
    expect(codesOf(await gql(ROLE, { i: { workspaceId: admin.workspaceId, userId: invitee.userId, role: 'ADMIN' } }, invitee.token))).toEqual(['FORBIDDEN']);

    const removed = (await ok(REMOVE, { i: { workspaceId: admin.workspaceId, userId: invitee.userId } }, admin.token)).removeWorkspaceMember;
    expect(removed.members).toEqual([{ userId: admin.userId, role: 'ADMIN' }]);
    const ms = await refusedByIngestion(accepted.accessToken, datasetId);
    console.log(`member removal: the removed member's token refused by ingestion after ${ms} ms`);
    // Their session lives on; a refreshed token no longer lists the workspace.
    const refreshed = (await ok(REFRESH, { i: { refreshToken: invitee.refreshToken } })).refreshSession;
    expect(codesOf(await gql(DATASET, { id: datasetId }, refreshed.accessToken))).toEqual(['FORBIDDEN']);
  });

  test('a partner client gets a client-credentials token on the gateway origin, limited to its workspace and scopes, and revocable', async () => {
    const admin = await createTenant('partner');
    const datasetId = await datasetOf(admin.token, admin.workspaceId);
    const CREATE = `mutation($i: CreateApiClientInput!) { createApiClient(input: $i) { client { id scopes revoked } clientSecret } }`;
    const created = (await ok(CREATE, { i: { workspaceId: admin.workspaceId, name: 'BI connector', scopes: ['datasets:read', 'reports:read'] } }, admin.token)).createApiClient;
    const tokenUrl = new URL('/oauth/token', gatewayUrl());
    const requestToken = (form: Record<string, string>, secret = created.clientSecret) =>
      fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${created.client.id}:${secret}`).toString('base64')}` },
        body: new URLSearchParams(form).toString(),
      });

    expect((await requestToken({ grant_type: 'client_credentials' }, 'wrong')).status).toBe(401);
    const badScope = await requestToken({ grant_type: 'client_credentials', scope: 'datasets:write' });
    expect([badScope.status, ((await badScope.json()) as { error: string }).error]).toEqual([400, 'invalid_scope']);
    const answer = await requestToken({ grant_type: 'client_credentials', scope: 'datasets:read' });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { access_token: string; token_type: string; scope: string; expires_in: number };
    expect([body.token_type, body.scope]).toEqual(['Bearer', 'datasets:read']);
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString('utf8'));
    expect([claims.client_id, claims.scope, claims.ws]).toEqual([created.client.id, 'datasets:read', { [admin.workspaceId]: 'MEMBER' }]);

    // A partner runs the gateway's registered operations only (test/e2e/partner-api.spec.ts has the rest).
    const PARTNER_DATASET = partnerOperation('PartnerDataset').body;
    const PARTNER_CREATE = partnerOperation('PartnerCreateDataset').body;
    expect((await gql(PARTNER_DATASET, { id: datasetId }, body.access_token)).data?.dataset.id).toBe(datasetId);
    expect(codesOf(await gql(PARTNER_CREATE, { input: { workspaceId: admin.workspaceId, name: 'not allowed' } }, body.access_token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(`query { me { id } }`, {}, body.access_token))).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);

    await ok(`mutation($i: RevokeApiClientInput!) { revokeApiClient(input: $i) { revoked } }`, { i: { workspaceId: admin.workspaceId, clientId: created.client.id } }, admin.token);
    const ms = await refusedByIngestion(body.access_token, datasetId, PARTNER_DATASET);
    expect((await requestToken({ grant_type: 'client_credentials' })).status).toBe(401);
    console.log(`client revocation: token refused by ingestion after ${ms} ms`);
  });

  test('the web app keeps its refresh token in an httpOnly, Secure, SameSite=Strict cookie, and refreshing needs the CSRF header', async () => {
    const tenant = await createTenant('cookies');
    const post = (path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(new URL(path, gatewayUrl()), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const cookiesOf = (res: Response) => Object.fromEntries(res.headers.getSetCookie().map((c) => [c.split('=')[0]!, c]));
    const valueOf = (setCookie: string) => setCookie.split(';')[0]!.split('=').slice(1).join('=');

    const signedIn = await post('/session/login', {}, { email: tenant.email, password: PASSWORD });
    expect(signedIn.status).toBe(200);
    const set = cookiesOf(signedIn);
    expect(set['__Host-vb_refresh']).toMatch(/HttpOnly/);
    expect(set['__Host-vb_refresh']).toMatch(/Secure/);
    expect(set['__Host-vb_refresh']).toMatch(/SameSite=Strict/);
    expect(set['__Host-vb_csrf']).not.toMatch(/HttpOnly/);
    const body = (await signedIn.json()) as { accessToken: string; refreshToken?: string };
    expect(body.accessToken).toBeTruthy();
    expect(body.refreshToken).toBeUndefined();
    const cookie = `__Host-vb_refresh=${valueOf(set['__Host-vb_refresh']!)}; __Host-vb_csrf=${valueOf(set['__Host-vb_csrf']!)}`;

    const forged = await post('/session/refresh', { cookie });
    expect([forged.status, ((await forged.json()) as any).errors[0].extensions.code]).toEqual([403, 'CSRF_FAILED']);
    const refreshed = await post('/session/refresh', { cookie, 'x-csrf-token': valueOf(set['__Host-vb_csrf']!) });
    expect(refreshed.status).toBe(200);
    expect(valueOf(cookiesOf(refreshed)['__Host-vb_refresh']!)).not.toBe(valueOf(set['__Host-vb_refresh']!));
    // The old cookie again is a replay: the session closes.
    const replay = await post('/session/refresh', { cookie, 'x-csrf-token': valueOf(set['__Host-vb_csrf']!) });
    expect([replay.status, ((await replay.json()) as any).errors[0].extensions.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
  });
});
