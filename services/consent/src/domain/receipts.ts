import { createHmac } from 'node:crypto';
import type { ServiceSigner } from '@verbatim/kit';
import type { ConsentChange, ConsentDoc, ConsentPurpose, ConsentStatus } from '../model/consent.schema.js';

/** The JWS `typ` of a consent receipt: it never verifies as another kind of statement. */
export const CONSENT_RECEIPT_TYP = 'consent-receipt+jwt';
export const RECEIPT_SCHEMA_VERSION = 'ISO/IEC TS 27560:2023';
/** The DPV profile of TS 27560 the record follows: a receipt carrying a copy of the consent record. */
export const RECEIPT_PROFILE = 'https://w3id.org/dpv/schema/iso-27560#receipt-record';

/** The DPV consent states (dpv:ConsentGiven, ...) the record's state and events use. */
const STATE: Record<ConsentStatus, string> = { GRANTED: 'dpv:ConsentGiven', WITHDRAWN: 'dpv:ConsentWithdrawn', OUTDATED: 'dpv:ConsentInvalidated' };

/** What each purpose lets Verbatim do, for the receipt's processing section. */
const PROCESSING: Record<ConsentPurpose, { description: string; operations: string[]; personalData: string[]; recipients: string[] }> = {
  ANALYSIS: {
    description: 'Analysis of the answers into reports for the controller.',
    operations: ['dpv:Store', 'dpv:Anonymise', 'dpv:Analyse'],
    personalData: ['free-text answers', 'identifiers given with them (removed before analysis)'],
    recipients: ['Verbatim (processor)'],
  },
  AI_PROCESSING: {
    description: 'Processing of the anonymized answers by an AI subprocessor.',
    operations: ['dpv:Transfer', 'dpv:Analyse'],
    personalData: ['anonymized free-text answers'],
    recipients: ['Verbatim (processor)', 'the AI subprocessors listed by Query.subprocessors'],
  },
  CONTACT: {
    description: 'Being contacted by the controller.',
    operations: ['dpv:Use'],
    personalData: ['contact details held by the controller'],
    recipients: ['the controller'],
  },
};

export interface ReceiptDeps {
  signer: Pick<ServiceSigner, 'sign'>;
  /** Key of the digest naming the data subject: the receipt never carries their id. */
  digestKey: Buffer;
}

/** A pseudonymous, workspace-scoped id of the data subject: the same person in two workspaces is not linkable. */
export function subjectDigest(key: Buffer, consent: Pick<ConsentDoc, 'workspaceId' | 'subjectType' | 'subjectId'>): string {
  return createHmac('sha256', key).update(`${consent.workspaceId}:${consent.subjectType}:${consent.subjectId}`).digest('base64url');
}

const evidenceOf = (c: ConsentChange) =>
  c.evidence ? { text_sha256: c.evidence.textSha256, proof_sha256: c.evidence.proofSha256, proof_ref: c.evidence.proofRef } : null;

/**
 * The consent record in the TS 27560 structure (snake_case element names after the DPV profile):
 * schema, record, controller, notice, purposes with their processing, data subject, state and events.
 * It names people by digest only: the user who collected a consent is the controller's agent, not named.
 */
export function receiptRecord(consent: ConsentDoc, subject: string) {
  const processing = PROCESSING[consent.purpose];
  const last = consent.history[consent.history.length - 1];
  return {
    schema_version: RECEIPT_SCHEMA_VERSION,
    schema_profile: RECEIPT_PROFILE,
    record_id: consent._id,
    record_created_at: (consent.history[0]?.at ?? consent.grantedAt).toISOString(),
    record_updated_at: (last?.at ?? consent.grantedAt).toISOString(),
    language: 'en',
    controller: { id: `verbatim:workspace:${consent.workspaceId}`, role: 'dpv:DataController' },
    processor: { id: 'verbatim', role: 'dpv:DataProcessor' },
    data_subject: { id: subject, id_type: 'HMAC-SHA256 keyed digest, per workspace', type: consent.subjectType === 'USER' ? 'dpv:User' : 'dpv:Customer' },
    notice: {
      version: consent.noticeVersion,
      text_sha256: consent.evidence?.textSha256 ?? null,
      presented_at: consent.collectedAt.toISOString(),
      collection_method: consent.method,
    },
    purposes: [{ purpose: consent.purpose, description: processing.description, legal_basis: 'dpv:Consent (GDPR Art. 6(1)(a))' }],
    processing: [
      { purpose: consent.purpose, operations: processing.operations, personal_data: processing.personalData, recipients: processing.recipients, retention: 'while the consent stands; proof of consent kept 5 years' },
    ],
    state: STATE[consent.status],
    state_since: (last?.at ?? consent.grantedAt).toISOString(),
    events: consent.history.map((c) => ({
      time: new Date(c.at).toISOString(),
      type: STATE[c.status],
      method: c.method,
      notice_version: c.noticeVersion,
      evidence: evidenceOf(c),
    })),
  };
}

export type ConsentReceiptRecord = ReturnType<typeof receiptRecord>;

export interface ConsentReceipt {
  consentId: string;
  record: ConsentReceiptRecord;
  jws: string;
}

/** Signs the record as a compact JWS (EdDSA) with the consent service's proof key; `sub` is the subject's digest. */
export async function issueReceipt(deps: ReceiptDeps, consent: ConsentDoc): Promise<ConsentReceipt> {
  const subject = subjectDigest(deps.digestKey, consent);
  const record = receiptRecord(consent, subject);
  const jws = await deps.signer.sign(record, { typ: CONSENT_RECEIPT_TYP, subject });
  return { consentId: consent._id, record, jws };
}
