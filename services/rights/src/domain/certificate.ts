import { HOLDERS, type HolderName, type RightsKind, type SubjectType } from '@verbatim/contracts';
import { ProofRejected, RIGHTS_RECEIPT_TYP, verifyServiceProof, type ReceiptClaims, type ServiceSigner } from '@verbatim/kit';
import { decodeJwt, type JWTVerifyGetKey } from 'jose';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { AcknowledgementDoc } from './acknowledgements.js';

/** The JWS `typ` of a completion certificate. */
export const RIGHTS_CERTIFICATE_TYP = 'rights-certificate+jwt';

/**
 * What rights signs when a request completes (besides iss verbatim:rights, iat, jti, and sub: the
 * subject's keyed digest). The receipts are the holders' own signed JWS, untouched, so the certificate
 * proves what each holder said, not only what rights says they said.
 */
export interface CertificateClaims {
  requestId: string;
  right: RightsKind;
  subjectType: SubjectType;
  requestedAt: string;
  dueAt: string;
  completedAt: string;
  holders: string[];
  receipts: string[];
}

export async function issueCertificate(
  signer: ServiceSigner,
  request: Pick<RightsRequestDoc, '_id' | 'kind' | 'subjectType' | 'requestedAt' | 'dueAt' | 'expectedServices'>,
  acknowledgements: readonly AcknowledgementDoc[],
  completedAt: Date,
  subjectDigest: string,
): Promise<string> {
  const claims: CertificateClaims = {
    requestId: request._id,
    right: request.kind,
    subjectType: request.subjectType,
    requestedAt: new Date(request.requestedAt).toISOString(),
    dueAt: new Date(request.dueAt).toISOString(),
    completedAt: completedAt.toISOString(),
    holders: [...request.expectedServices],
    receipts: request.expectedServices.map((service) => {
      const receipt = acknowledgements.find((a) => a.service === service && a.outcome === 'DONE')?.receipt;
      if (!receipt) throw new Error(`no signed receipt of ${service} to certify request ${request._id}`);
      return receipt;
    }),
  };
  return signer.sign({ ...claims }, { typ: RIGHTS_CERTIFICATE_TYP, subject: subjectDigest });
}

/** A certificate that does not prove what it says; `message` names the failed check, never a claim value. */
export class CertificateInvalid extends Error {}

export interface VerifiedCertificate {
  certificate: CertificateClaims & { iss: string; sub: string; iat: number; jti: string };
  receipts: Array<ReceiptClaims & { iss: string; sub: string; iat: number; jti: string }>;
}

/**
 * Verifies a certificate offline: rights' signature, then every receipt's signature with its holder's
 * own keys, each about this request, this right and this subject, DONE, one per expected holder and
 * every holder there. `keysOf` gives a service's published keys (remote or from a file).
 */
export async function verifyCertificate(jws: string, keysOf: (service: string) => JWTVerifyGetKey): Promise<VerifiedCertificate> {
  const check = async (token: string, service: string, typ: string, what: string) => {
    try {
      return await verifyServiceProof(token, keysOf(service), { service, typ });
    } catch (err) {
      if (err instanceof ProofRejected) throw new CertificateInvalid(`${what}: signature not valid (${err.reason})`);
      throw err;
    }
  };
  const certificate = (await check(jws.trim(), 'rights', RIGHTS_CERTIFICATE_TYP, 'certificate')) as unknown as VerifiedCertificate['certificate'];
  if (!Array.isArray(certificate.receipts) || !Array.isArray(certificate.holders)) throw new CertificateInvalid('certificate: no receipts or holders');
  const receipts: VerifiedCertificate['receipts'] = [];
  for (const [i, receipt] of certificate.receipts.entries()) {
    let holder: unknown;
    try {
      holder = decodeJwt(receipt)['holder'];
    } catch {
      throw new CertificateInvalid(`receipt ${i + 1}: not a JWS`);
    }
    if (typeof holder !== 'string' || !HOLDERS.includes(holder as HolderName)) throw new CertificateInvalid(`receipt ${i + 1}: not from a holder`);
    const claims = (await check(receipt, holder, RIGHTS_RECEIPT_TYP, `receipt of ${holder}`)) as unknown as VerifiedCertificate['receipts'][number];
    if (claims.requestId !== certificate.requestId) throw new CertificateInvalid(`receipt of ${holder}: about another request`);
    if (claims.kind !== certificate.right || claims.subjectType !== certificate.subjectType) throw new CertificateInvalid(`receipt of ${holder}: about another right or subject type`);
    if (claims.sub !== certificate.sub) throw new CertificateInvalid(`receipt of ${holder}: about another subject`);
    if (claims.outcome !== 'DONE') throw new CertificateInvalid(`receipt of ${holder}: not DONE`);
    if (receipts.some((r) => r.holder === claims.holder)) throw new CertificateInvalid(`receipt of ${holder}: given twice`);
    receipts.push(claims);
  }
  const missing = certificate.holders.filter((h) => !receipts.some((r) => r.holder === h));
  if (missing.length || receipts.length !== certificate.holders.length) throw new CertificateInvalid(`no receipt of ${missing.join(', ') || 'a listed holder'}`);
  return { certificate, receipts };
}
