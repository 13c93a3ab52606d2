import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Connection } from 'mongoose';
import type { RouteHandler } from '../http/server.js';
import { createServiceKeyRepository, type ServiceKeyDoc } from './service-key.repository.js';

/** Where every service publishes the public keys of what it signs (receipts, certificates, proofs). */
export const PROOF_KEYS_ROUTE = '/.well-known/proof-keys.json';

/** The issuer claim of everything a service signs: `verbatim:<service>`. */
export const proofIssuer = (service: string) => `verbatim:${service}`;

export interface SignOptions {
  /** The JWS `typ` header, naming what is signed (e.g. `rights-receipt+jwt`): a receipt never verifies as another kind. */
  typ: string;
  /** The `sub` claim, when the statement is about one subject (a keyed digest, never an id or a name). */
  subject?: string;
}

/**
 * Signs statements in the name of one service (EdDSA JWS, compact JWT form, `iss` = verbatim:<service>,
 * `iat`, `jti`), with a key pair kept in the service's own database, so restarts and replicas sign with
 * the same key and what was signed keeps verifying. The public keys are served at PROOF_KEYS_ROUTE.
 */
export interface ServiceSigner {
  readonly service: string;
  sign(claims: Record<string, unknown>, options: SignOptions): Promise<string>;
  /** The public keys (JWKS) verifiers use. */
  jwks(): JSONWebKeySet;
}

/** A new Ed25519 key pair as stored (private and public JWK, kid). */
export async function newServiceKey(): Promise<ServiceKeyDoc> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  return {
    _id: kid,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' },
    createdAt: new Date(),
  };
}

export async function loadServiceSigner(conn: Connection, service: string): Promise<ServiceSigner> {
  const repo = createServiceKeyRepository(conn);
  let keys = await repo.all();
  if (!keys.length) {
    // Two replicas starting together may both store one: both then sign with the oldest.
    await repo.insert(await newServiceKey());
    keys = await repo.all();
  }
  return signerFromKeys(service, keys);
}

/** A signer over keys at hand, oldest first (loadServiceSigner's; tests' in-memory signers). */
export async function signerFromKeys(service: string, keys: readonly ServiceKeyDoc[]): Promise<ServiceSigner> {
  const signing = keys[0];
  if (!signing) throw new Error(`no signing key for ${service}`);
  const privateKey = await importJWK(signing.privateJwk as JWK, 'EdDSA');
  const jwks: JSONWebKeySet = { keys: keys.map((k) => k.publicJwk as JWK) };
  return {
    service,
    jwks: () => jwks,
    async sign(claims, { typ, subject }) {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: signing._id, typ })
        .setIssuer(proofIssuer(service))
        .setIssuedAt()
        .setJti(randomUUID());
      if (subject) jwt.setSubject(subject);
      return jwt.sign(privateKey);
    },
  };
}

/** Serves a signer's public keys. */
export function proofKeysRoute(signer: ServiceSigner): RouteHandler {
  return (_req, res) => {
    res.setHeader('content-type', 'application/jwk-set+json');
    res.setHeader('cache-control', 'public, max-age=300');
    res.end(JSON.stringify(signer.jwks()));
  };
}

export class ProofRejected extends Error {
  constructor(readonly reason: string) {
    super(`proof rejected: ${reason}`);
  }
}

/**
 * Verifies a statement signed by `service`: signature against `keys` (the service's published JWKS, e.g.
 * jose's createRemoteJWKSet of its PROOF_KEYS_ROUTE, or localProofKeys), issuer and `typ`.
 * Throws ProofRejected (with a reason that holds no claim values) otherwise.
 */
export async function verifyServiceProof(jws: string, keys: JWTVerifyGetKey, expected: { service: string; typ: string }): Promise<JWTPayload> {
  try {
    const { payload, protectedHeader } = await jwtVerify(jws, keys, { issuer: proofIssuer(expected.service), algorithms: ['EdDSA'], typ: expected.typ });
    if (protectedHeader.typ !== expected.typ) throw new ProofRejected('wrong typ');
    return payload;
  } catch (err) {
    if (err instanceof ProofRejected || err instanceof ProofKeysUnavailable) throw err;
    const code = (err as { code?: unknown }).code;
    throw new ProofRejected(typeof code === 'string' ? code : 'invalid');
  }
}

/**
 * The published keys could not be read (the service is down, slow, or answered garbage): nothing is
 * known about the proof, so the caller retries later instead of refusing it.
 */
export class ProofKeysUnavailable extends Error {
  constructor(readonly url: string, cause: unknown) {
    super(`proof keys unavailable at ${url}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * A service's published keys (its PROOF_KEYS_ROUTE under `baseUrl`), fetched when first needed, cached, and
 * fetched again for an unknown kid (jose's createRemoteJWKSet). A key that is not published fails with
 * ProofRejected; a failure to read the keys at all with ProofKeysUnavailable.
 */
export function remoteProofKeys(baseUrl: string): JWTVerifyGetKey {
  const url = `${baseUrl.replace(/\/+$/, '')}${PROOF_KEYS_ROUTE}`;
  const remote = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw err;
      throw new ProofKeysUnavailable(url, err);
    }
  };
}

/** Keys from a JWKS already at hand (tests, offline verification). */
export const localProofKeys = (jwks: JSONWebKeySet): JWTVerifyGetKey => createLocalJWKSet(jwks);
