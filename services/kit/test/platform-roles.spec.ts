import { describe, expect, test } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet } from 'jose';
import { createTokenVerifier, requirePlatformRole } from '../src/index.js';

const settings = { issuer: 'verbatim:identity', audience: 'verbatim' };
const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
const verifier = createTokenVerifier(createLocalJWKSet({ keys: [jwk] }), settings);

const token = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).setSubject('u-1').setIssuer(settings.issuer).setAudience(settings.audience).setIssuedAt().setExpirationTime('5m').sign(privateKey);

describe('platform staff roles', () => {
  test('the pr claim becomes the principal platform roles, unknown roles dropped', async () => {
    const principal = await verifier.verify(await token({ ws: {}, pr: ['DPO', 'ROOT', 'SUPPORT'] }));
    expect(principal.platformRoles).toEqual(['DPO', 'SUPPORT']);
  });

  test('a token without pr holds no role, and an API client never holds one whatever its token says', async () => {
    expect((await verifier.verify(await token({ ws: { w1: 'ADMIN' } }))).platformRoles).toEqual([]);
    expect((await verifier.verify(await token({ ws: { w1: 'ADMIN' }, client_id: 'c-1', pr: ['DPO'] }))).platformRoles).toEqual([]);
  });

  test('requirePlatformRole admits the role holder and refuses others with FORBIDDEN', async () => {
    const dpo = await verifier.context(`Bearer ${await token({ ws: {}, pr: ['DPO'] })}`);
    expect(requirePlatformRole(dpo, 'DPO').userId).toBe('u-1');
    expect(() => requirePlatformRole(dpo, 'PLATFORM_ADMIN')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requirePlatformRole({ principal: null, authProblem: null }, 'DPO')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
