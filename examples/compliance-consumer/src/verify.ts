import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/**
 * Checks a completion certificate from the published contract alone (schemas/asyncapi.json and the JSON
 * Schemas it references): an EdDSA JWS of typ rights-certificate+jwt by `verbatim:rights`, whose
 * `receipts` are the holders' own JWS of typ rights-receipt+jwt by `verbatim:<holder>`, all about the
 * same request and the same subject digest (`sub`). Written without Verbatim's kit on purpose.
 */

export interface CertificateSummary {
  requestId: string;
  right: string;
  subjectDigest: string;
  completedAt: string;
  holders: string[];
}

export class InvalidCertificate extends Error {}

/** Each service's keys, read from its /.well-known/proof-keys.json when first needed. */
export function publishedKeys(serviceUrls: Record<string, string>): (service: string) => JWTVerifyGetKey {
  const cache = new Map<string, JWTVerifyGetKey>();
  return (service) => {
    const base = serviceUrls[service];
    if (!base) throw new InvalidCertificate(`no URL for ${service}'s published keys`);
    let keys = cache.get(service);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(`${base.replace(/\/+$/, '')}/.well-known/proof-keys.json`));
      cache.set(service, keys);
    }
    return keys;
  };
}

async function verified(jws: string, keys: JWTVerifyGetKey, issuer: string, typ: string, what: string): Promise<JWTPayload & Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(jws, keys, { issuer, typ, algorithms: ['EdDSA'] });
    return payload as JWTPayload & Record<string, unknown>;
  } catch (err) {
    throw new InvalidCertificate(`${what}: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
}

/** `expectedHolders`: the holders this consumer requires a DONE receipt from (the consumers of rights.request-opened.v1). */
export async function verifyCertificate(jws: string, keysOf: (service: string) => JWTVerifyGetKey, expectedHolders: readonly string[]): Promise<CertificateSummary> {
  const certificate = await verified(jws, keysOf('rights'), 'verbatim:rights', 'rights-certificate+jwt', 'certificate');
  const receipts = certificate['receipts'];
  if (!Array.isArray(receipts)) throw new InvalidCertificate('certificate: no receipts');
  const done = new Set<string>();
  for (const receipt of receipts) {
    if (typeof receipt !== 'string') throw new InvalidCertificate('receipt: not a JWS');
    const holder = String(decodeJwt(receipt)['holder']);
    if (!expectedHolders.includes(holder)) throw new InvalidCertificate(`receipt of an unexpected holder ${holder}`);
    const claims = await verified(receipt, keysOf(holder), `verbatim:${holder}`, 'rights-receipt+jwt', `receipt of ${holder}`);
    if (claims['requestId'] !== certificate['requestId']) throw new InvalidCertificate(`receipt of ${holder}: another request`);
    if (claims.sub !== certificate.sub) throw new InvalidCertificate(`receipt of ${holder}: another subject`);
    if (claims['kind'] !== certificate['right']) throw new InvalidCertificate(`receipt of ${holder}: another right`);
    if (claims['outcome'] !== 'DONE') throw new InvalidCertificate(`receipt of ${holder}: not DONE`);
    done.add(holder);
  }
  const missing = expectedHolders.filter((h) => !done.has(h));
  if (missing.length) throw new InvalidCertificate(`no DONE receipt of ${missing.join(', ')}`);
  return {
    requestId: String(certificate['requestId']),
    right: String(certificate['right']),
    subjectDigest: String(certificate.sub),
    completedAt: String(certificate['completedAt']),
    holders: [...done],
  };
}
