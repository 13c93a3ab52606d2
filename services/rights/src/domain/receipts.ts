import { HOLDERS, type HolderName, type RightsRequestAcknowledged } from '@verbatim/contracts';
import { ProofRejected, RIGHTS_RECEIPT_TYP, remoteProofKeys, verifyServiceProof, type EventEnvelope, type ReceiptClaims } from '@verbatim/kit';
import type { JWTVerifyGetKey } from 'jose';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { RefusalReason } from '../model/refusal.repository.js';
import type { AcknowledgementDoc } from './acknowledgements.js';

/** Each holder's published proof keys. */
export type HolderKeys = Record<HolderName, JWTVerifyGetKey>;

/** The keys each holder serves under its base URL (RIGHTS_HOLDER_URLS), fetched when first needed. */
export function holderKeysFrom(urls: Record<HolderName, string>): HolderKeys {
  return Object.fromEntries(HOLDERS.map((h) => [h, remoteProofKeys(urls[h])])) as HolderKeys;
}

export type ReceiptVerdict =
  | { accepted: true; ack: AcknowledgementDoc }
  | { accepted: false; reason: RefusalReason; detail?: string };

const refuse = (reason: RefusalReason, detail?: string): ReceiptVerdict => ({ accepted: false, reason, ...(detail ? { detail } : {}) });

const sameCounts = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What an acknowledgement proves about `request`, from its signed receipt only: produced by the holder
 * it names (envelope source), signed with that holder's published key, about this request and this
 * subject (by digest), saying what the payload says, and not a receipt already recorded (same jti).
 * ProofKeysUnavailable (the holder's keys could not be read) is thrown, so the bus retries later.
 */
export async function verifyReceipt(
  keys: HolderKeys,
  event: Pick<EventEnvelope<RightsRequestAcknowledged>, 'source' | 'payload'>,
  request: Pick<RightsRequestDoc, '_id' | 'kind' | 'subjectType' | 'acknowledgements'>,
  subjectDigest: string,
): Promise<ReceiptVerdict> {
  const ack = event.payload;
  const source = event.source as HolderName;
  if (!HOLDERS.includes(source) || source !== ack.service) return refuse('SOURCE_NOT_HOLDER');
  let verified: ReceiptClaims & { sub?: string; jti?: string };
  try {
    verified = (await verifyServiceProof(ack.receipt, keys[source], { service: source, typ: RIGHTS_RECEIPT_TYP })) as unknown as typeof verified;
  } catch (err) {
    if (err instanceof ProofRejected) return refuse('BAD_SIGNATURE', err.reason);
    throw err;
  }
  if (verified.holder !== source) return refuse('SOURCE_NOT_HOLDER');
  if (verified.requestId !== request._id || verified.requestId !== ack.requestId || verified.kind !== request.kind) return refuse('OTHER_REQUEST');
  if (verified.subjectType !== request.subjectType || verified.sub !== subjectDigest) return refuse('OTHER_SUBJECT');
  if (verified.outcome !== ack.outcome || verified.executedAt !== ack.executedAt || !sameCounts(verified.counts, ack.counts)) return refuse('PAYLOAD_MISMATCH');
  if (!verified.jti || request.acknowledgements.some((a) => a.receiptId === verified.jti)) return refuse('REPLAYED');
  return {
    accepted: true,
    ack: {
      service: source,
      outcome: verified.outcome,
      counts: verified.counts,
      executedAt: new Date(verified.executedAt),
      receipt: ack.receipt,
      receiptId: verified.jti,
    },
  };
}
