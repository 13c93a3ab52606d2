import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTokenVerifier, type RequestContext } from '@verbatim/kit';
import { startTestService, uniqueName, type TestService } from '@verbatim/kit/testing';
import { createIdentity, type Identity } from '../src/app.js';
import { login, register } from '../src/domain/accounts.js';
import { createPasswordHasher } from '../src/domain/passwords.js';
import { defaultThrottlePolicies } from '../src/domain/throttle.js';

const OVERLAP_SECONDS = 600;
let identity: TestService<Identity>;
const deps = () => identity.app.deps;

beforeAll(async () => {
  // Per address: 2 free failures, 1 ms delays, locked at the 4th (the defaults take minutes to reach).
  const throttle = { ...defaultThrottlePolicies, address: { freeFailures: 2, baseDelayMs: 1, maxDelayMs: 1, lockAfterFailures: 4, lockMs: 60_000, windowMs: 60_000 } };
  identity = await startTestService('identity', (base) =>
    createIdentity({ ...base, throttle, config: { JWT_ISSUER: 'verbatim-identity', JWT_AUDIENCE: 'verbatim', MAX_QUERY_DEPTH: 12, KEY_OVERLAP_SECONDS: OVERLAP_SECONDS } }),
  );
});

afterAll(async () => {
  await identity?.stop();
});

const from = (clientAddress: string): RequestContext => ({ principal: null, authProblem: null, clientAddress });

describe('signing keys, password hashing and per-address limits', () => {
  test('after a rotation, tokens of the old key still verify until the overlap ends, and new tokens use the new key', async () => {
    const ring = deps().keys;
    const verifier = createTokenVerifier(ring.getKey, ring.settings);
    const before = await ring.sign({ subject: 'user-before', claims: { ws: {} } });
    await ring.rotate();
    const after = await ring.sign({ subject: 'user-after', claims: { ws: {} } });
    const oldKid = decodeProtectedHeader(before.token).kid;
    expect(decodeProtectedHeader(after.token).kid).not.toBe(oldKid);
    expect((await verifier.verify(before.token)).userId).toBe('user-before');
    expect(ring.jwks().keys.map((k) => k.kid)).toContain(oldKid);
    // Past the overlap the old key is no longer published, so verifiers refuse its tokens.
    const later = ring.jwks(new Date(Date.now() + (OVERLAP_SECONDS + 1) * 1000));
    expect(later.keys.map((k) => k.kid)).not.toContain(oldKid);
    await expect(jwtVerify(before.token, createLocalJWKSet(later))).rejects.toThrow();
    await expect(jwtVerify(after.token, createLocalJWKSet(later))).resolves.toBeTruthy();
  });

  test('password hashing admits concurrency plus queue callers at once and refuses the rest with SERVICE_BUSY', async () => {
    const hasher = createPasswordHasher(1, 2);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash('twelve chars at least')));
    const busy = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'SERVICE_BUSY');
    expect([outcomes.length - busy.length, busy.length]).toEqual([3, 3]);
    // Once they are done, hashing is admitted again.
    await expect(hasher.hash('twelve chars at least')).resolves.toMatch(/^\$argon2id\$/);
  });

  test('failures from one address across different emails lock that address, not others', async () => {
    const user = (await register(deps(), { firstName: 'Ada', email: `${uniqueName('ada')}@client.example`, password: 'twelve chars at least' })).user;
    const address = `10.${Math.floor(Math.random() * 250)}.0.1`;
    let failures = 0;
    for (;;) {
      const outcome = await login(deps(), from(address), { email: `${uniqueName('nobody')}@client.example`, password: 'wrong password' }).catch((e: { code: string }) => e.code);
      if (outcome !== 'UNAUTHENTICATED') {
        expect(outcome).toBe('RATE_LIMITED');
        break;
      }
      failures++;
    }
    console.log(`per-address limit (test policy): locked after ${failures} failed sign-ins across ${failures} different emails`);
    expect(failures).toBe(4);
    await expect(login(deps(), from(address), { email: user.email, password: 'twelve chars at least' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(login(deps(), from('10.255.255.1'), { email: user.email, password: 'twelve chars at least' })).resolves.toMatchObject({ user: { _id: user._id } });
  });
});
