import type { ActionCount, HolderName, RightsKind, RightsOutcome, RightsRequestAcknowledged, RightsRequestOpened, SubjectType } from '@verbatim/contracts';
import type { ServiceSigner } from '../signing/service-signer.js';

/** The JWS `typ` of a holder's signed receipt: it never verifies as a certificate or a token. */
export const RIGHTS_RECEIPT_TYP = 'rights-receipt+jwt';

/**
 * What a holder signs when it acknowledges a request (besides iss verbatim:<holder>, iat, jti, and sub:
 * the subject's keyed digest, never an id). Rights trusts these claims, not the acknowledgement's payload.
 */
export interface ReceiptClaims {
  requestId: string;
  holder: HolderName;
  kind: RightsKind;
  subjectType: SubjectType;
  outcome: RightsOutcome;
  counts: ActionCount[];
  executedAt: string;
  /** FAILED only: why, as a stable code. */
  errorCode?: string;
}

/** The acknowledgement of `request` by `holder`, with its signed receipt. */
export async function signedAcknowledgement(
  signer: ServiceSigner,
  holder: HolderName,
  request: RightsRequestOpened,
  outcome: RightsOutcome,
  counts: ActionCount[],
  executedAt: Date,
  failure: { errorCode?: string; attempts?: number } = {},
): Promise<RightsRequestAcknowledged> {
  const claims: ReceiptClaims = {
    requestId: request.requestId,
    holder,
    kind: request.kind,
    subjectType: request.subjectType,
    outcome,
    counts,
    executedAt: executedAt.toISOString(),
    ...(failure.errorCode ? { errorCode: failure.errorCode } : {}),
  };
  const receipt = await signer.sign({ ...claims }, { typ: RIGHTS_RECEIPT_TYP, ...(request.subjectDigest ? { subject: request.subjectDigest } : {}) });
  return {
    requestId: request.requestId,
    service: holder,
    kind: request.kind,
    outcome,
    counts,
    executedAt: claims.executedAt,
    ...(failure.errorCode ? { errorCode: failure.errorCode } : {}),
    ...(failure.attempts ? { attempts: failure.attempts } : {}),
    receipt,
  };
}
