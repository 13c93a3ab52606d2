import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, importJWK, SignJWT, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { newServiceKey, type TokenSettings } from '@verbatim/kit';
import type { SigningKeyDoc, SigningKeyRepository } from '../model/signing-key.repository.js';

export interface SignRequest {
  subject: string;
  claims: Record<string, unknown>;
  /** The session the token belongs to (sid claim); API client tokens have none. */
  sessionId?: string;
  /** The JOSE typ (default at+jwt, a user's or client's access token; respondent+jwt for a respondent's session). */
  type?: string;
  /** Default: the platform's audience; another service's name for a request only it accepts. */
  audience?: string;
  /** Default: the access-token lifetime. */
  ttlSeconds?: number;
}

export interface KeyRing {
  sign(request: SignRequest): Promise<{ token: string; expiresAt: Date }>;
  /** The public keys still accepted at `now`: the signing key and retired ones within their overlap. */
  jwks(now?: Date): JSONWebKeySet;
  /** Verifies against the current public keys (identity does not fetch its own JWKS). */
  getKey: JWTVerifyGetKey;
  /** A new signing key; the previous ones keep verifying for the overlap. */
  rotate(): Promise<void>;
  /** Rotates if the signing key is older than the rotation period, and re-reads keys other replicas made. */
  maintain(): Promise<void>;
  settings: TokenSettings;
}

/**
 * Ed25519 key pairs kept in identity's own database, so restarts and replicas sign with the same key.
 * The newest signs; when it is replaced, the older ones get `verifyUntil` = now + overlap and stay in
 * the JWKS until then, so tokens they signed keep verifying everywhere until they expire.
 */
export async function loadKeyRing(
  repo: SigningKeyRepository,
  settings: TokenSettings,
  timing: { ttlSeconds: number; rotationSeconds: number; overlapSeconds: number },
): Promise<KeyRing> {
  let keys: SigningKeyDoc[] = [];
  let signer: { kid: string; key: Awaited<ReturnType<typeof importJWK>> } | undefined;
  let localSet: JWTVerifyGetKey | undefined;

  const reload = async () => {
    keys = await repo.all();
    const newest = keys[0];
    if (!newest) throw new Error('no signing key could be stored');
    if (signer?.kid !== newest._id) signer = { kid: newest._id, key: await importJWK(newest.privateJwk as JWK, 'EdDSA') };
    localSet = createLocalJWKSet(jwks());
  };
  const jwks = (now = new Date()): JSONWebKeySet => ({
    keys: keys.filter((k) => !k.verifyUntil || k.verifyUntil > now).map((k) => k.publicJwk as JWK),
  });
  const rotate = async () => {
    await repo.retireAll(new Date(Date.now() + timing.overlapSeconds * 1000));
    await repo.insert(await newServiceKey());
    await reload();
  };

  if (!(await repo.newest())) await repo.insert(await newServiceKey()).catch(() => undefined);
  await reload();

  return {
    settings,
    jwks,
    getKey: (header, token) => localSet!(header, token),
    rotate,
    async maintain() {
      await reload();
      const newest = keys[0]!;
      if (Date.now() - newest.createdAt.getTime() > timing.rotationSeconds * 1000) await rotate();
    },
    async sign({ subject, claims, sessionId, type, audience, ttlSeconds }) {
      const now = Date.now();
      const expiresAt = new Date(now + (ttlSeconds ?? timing.ttlSeconds) * 1000);
      const jwt = new SignJWT({ ...claims, ...(sessionId ? { sid: sessionId } : {}) })
        .setProtectedHeader({ alg: 'EdDSA', kid: signer!.kid, typ: type ?? 'at+jwt' })
        .setSubject(subject)
        .setIssuer(settings.issuer)
        .setAudience(audience ?? settings.audience)
        // With milliseconds: a token issued just after a revocation's notBefore is told apart from one before it.
        .setIssuedAt(now / 1000)
        .setJti(randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000));
      return { token: await jwt.sign(signer!.key), expiresAt };
    },
  };
}
