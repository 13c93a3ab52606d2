import { describe, expect, test } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet } from 'jose';
import { ACCESS_GRANT_REQUIRED, createDenyList, createTokenVerifier, requireWorkspace, requireWorkspaceRead, type RequestContext } from '../src/index.js';

const settings = { issuer: 'verbatim:identity', audience: 'verbatim' };
const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
const denyList = createDenyList();
const verifier = createTokenVerifier(createLocalJWKSet({ keys: [jwk] }), settings, denyList);

const token = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).setSubject('u-1').setIssuer(settings.issuer).setAudience(settings.audience).setIssuedAt().setExpirationTime('5m').sign(privateKey);
const contextOf = async (claims: Record<string, unknown>): Promise<RequestContext> => verifier.context(`Bearer ${await token(claims)}`);

const inAnHour = () => Math.floor(Date.now() / 1000) + 3_600;
const grant = (ws: string, end = inAnHour(), id = 'a0000000-0000-4000-8000-000000000001') => ({ id, ws, end, why: 'Ticket 4411: answers shown in the wrong dataset.' });
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('requireWorkspaceRead: members, or staff under an active access grant', () => {
  test('members read as before, with the role the read needs; API clients with their scope', async () => {
    const ctx = await contextOf({ ws: { w1: 'MEMBER' } });
    expect(code(() => requireWorkspaceRead(ctx, 'w1'))).toBe('allowed');
    expect(code(() => requireWorkspaceRead(ctx, 'w1', { role: 'ADMIN' }))).toBe('FORBIDDEN');
    const client = await contextOf({ ws: { w1: 'MEMBER' }, client_id: 'c-1', scope: 'datasets:read' });
    expect(code(() => requireWorkspaceRead(client, 'w1', { scope: 'datasets:read' }))).toBe('allowed');
    expect(code(() => requireWorkspaceRead(client, 'w1', { scope: 'reports:read' }))).toBe('FORBIDDEN');
  });

  test('staff with an active grant read that workspace, whatever role the read needs, and only that one', async () => {
    const ctx = await contextOf({ ws: {}, pr: ['SUPPORT'], ag: grant('w1') });
    expect(ctx.principal?.accessGrant).toMatchObject({ workspaceId: 'w1', reason: expect.stringContaining('4411') });
    expect(code(() => requireWorkspaceRead(ctx, 'w1', { role: 'ADMIN' }))).toBe('allowed');
    expect(code(() => requireWorkspaceRead(ctx, 'w2'))).toBe(ACCESS_GRANT_REQUIRED);
  });

  test('a grant opens reads only: writes keep asking for membership', async () => {
    const ctx = await contextOf({ ws: {}, pr: ['DPO'], ag: grant('w1') });
    expect(code(() => requireWorkspace(ctx, 'w1'))).toBe('FORBIDDEN');
  });

  test('staff without a grant, or with an ended one, get ACCESS_GRANT_REQUIRED; anyone else FORBIDDEN', async () => {
    expect(code(() => requireWorkspaceRead({ principal: { userId: 's', workspaces: {}, platformRoles: ['SUPPORT'] }, authProblem: null }, 'w1'))).toBe(ACCESS_GRANT_REQUIRED);
    const ended = await contextOf({ ws: {}, pr: ['SUPPORT'], ag: grant('w1', Math.floor(Date.now() / 1000) - 1) });
    expect(code(() => requireWorkspaceRead(ended, 'w1'))).toBe(ACCESS_GRANT_REQUIRED);
    const outsider = await contextOf({ ws: {} });
    expect(code(() => requireWorkspaceRead(outsider, 'w1'))).toBe('FORBIDDEN');
    expect(code(() => requireWorkspaceRead({ principal: null, authProblem: null }, 'w1'))).toBe('UNAUTHENTICATED');
  });

  test('a grant claim counts for staff only: not for a user without a platform role, nor for an API client', async () => {
    expect((await contextOf({ ws: {}, ag: grant('w1') })).principal?.accessGrant).toBeUndefined();
    const client = await contextOf({ ws: { w9: 'MEMBER' }, client_id: 'c-1', pr: ['DPO'], ag: grant('w1') });
    expect(client.principal?.accessGrant).toBeUndefined();
    expect(code(() => requireWorkspaceRead(client, 'w1'))).toBe('FORBIDDEN');
  });

  test('a revoked grant (identity.access-revoked.v1, target GRANT) opens nothing, while the token keeps serving the rest', async () => {
    const id = 'a0000000-0000-4000-8000-000000000002';
    const claims = { ws: { w5: 'MEMBER' }, pr: ['SUPPORT'], ag: grant('w1', inAnHour(), id) };
    const before = await contextOf(claims);
    expect(code(() => requireWorkspaceRead(before, 'w1'))).toBe('allowed');
    denyList.add({ target: 'GRANT', id, notBefore: new Date().toISOString(), until: new Date(Date.now() + 60_000).toISOString(), reason: 'GRANT_REVOKED' });
    const after = await contextOf(claims);
    expect(after.principal).not.toBeNull();
    expect(code(() => requireWorkspaceRead(after, 'w1'))).toBe(ACCESS_GRANT_REQUIRED);
    expect(code(() => requireWorkspaceRead(after, 'w5'))).toBe('allowed');
  });
});
