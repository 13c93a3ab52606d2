import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { TokenSettings, WorkspaceRole } from '@verbatim/kit';
import type { SigningKeyRepository } from '../model/signing-key.repository.js';

export interface KeyRing {
  sign(userId: string, workspaces: Record<string, WorkspaceRole>): Promise<{ token: string; expiresAt: Date }>;
  jwks(): JSONWebKeySet;
  settings: TokenSettings;
}

/**
 * An Ed25519 key pair created on first start and kept in identity's own database, so restarts and
 * replicas sign with the same key; the public half is served at /.well-known/jwks.json.
 */
export async function loadKeyRing(repo: SigningKeyRepository, settings: TokenSettings, ttlSeconds: number): Promise<KeyRing> {
  let newest = await repo.newest();
  if (!newest) {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
    await repo.insert({ _id: kid, publicJwk, privateJwk, createdAt: new Date() }).catch(() => undefined);
    newest = await repo.newest();
  }
  if (!newest) throw new Error('no signing key could be stored');
  const kid = newest._id;
  const privateKey = await importJWK(newest.privateJwk as JWK, 'EdDSA');
  const jwks: JSONWebKeySet = { keys: (await repo.all()).map((k) => k.publicJwk as JWK) };

  return {
    settings,
    jwks: () => jwks,
    async sign(userId, workspaces) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({ ws: workspaces })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .setSubject(userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(privateKey);
      return { token, expiresAt };
    },
  };
}

/** Identity verifies its own tokens against its own keys, without an HTTP round trip. */
export const localKeys = (ring: KeyRing) => createLocalJWKSet(ring.jwks());
