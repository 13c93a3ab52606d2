import { Schema } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';
import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';

export const CONSENT_PURPOSES = ['ANALYSIS', 'AI_PROCESSING', 'CONTACT'] as const;
export const CONSENT_STATUSES = ['GRANTED', 'WITHDRAWN', 'OUTDATED'] as const;
export const COLLECTION_METHODS = ['WEB_FORM', 'IMPORT', 'API'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** OUTDATED: given under a notice that has since changed for its purpose; the person must be asked again. */
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

/** What proves a consent or a withdrawal: the text shown (and its hash), and the client's own proof. */
export interface ConsentEvidence {
  text: string;
  textSha256: string;
  proofSha256: string | null;
  proofRef: string | null;
}

/**
 * One status change, with how and under which notice it happened; the history is the evidence of when
 * consent stood (GDPR Art. 7(1)). `by` is the user who recorded it (null once that user was erased);
 * an OUTDATED change has no method or evidence: the notice that outdated it is `noticeVersion`.
 */
export interface ConsentChange {
  status: ConsentStatus;
  source: string;
  at: Date;
  method: CollectionMethod | null;
  evidence: ConsentEvidence | null;
  noticeVersion: number;
  by: string | null;
}

export interface ConsentDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  subjectType: SubjectType;
  subjectId: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: string;
  /** How the standing grant was collected, its evidence and the workspace notice version it was given under. */
  method: CollectionMethod;
  evidence: ConsentEvidence;
  noticeVersion: number;
  /** The user who recorded the standing grant, and when the person gave it (may precede grantedAt for imports). */
  collectedBy: string | null;
  collectedAt: Date;
  grantedAt: Date;
  withdrawnAt: Date | null;
  outdatedAt: Date | null;
  history: ConsentChange[];
  /** Optimistic concurrency: FerretDB has no transactions, so changes are read, modified, written if unchanged. */
  rev: number;
}

const evidenceSchema = new Schema<ConsentEvidence>(
  { text: { type: String, required: true }, textSha256: { type: String, required: true }, proofSha256: { type: String, default: null }, proofRef: { type: String, default: null } },
  { _id: false },
);

const changeSchema = new Schema<ConsentChange>(
  {
    status: { type: String, required: true, enum: CONSENT_STATUSES },
    source: String,
    at: Date,
    method: { type: String, enum: [...COLLECTION_METHODS, null], default: null },
    evidence: { type: evidenceSchema, default: null },
    noticeVersion: { type: Number, default: 0 },
    by: { type: String, default: null },
  },
  { _id: false },
);

export const consentSchema = new Schema<ConsentDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String, required: true },
    purpose: { type: String, required: true, enum: CONSENT_PURPOSES },
    status: { type: String, required: true, enum: CONSENT_STATUSES },
    source: { type: String, required: true },
    method: { type: String, required: true, enum: COLLECTION_METHODS },
    evidence: { type: evidenceSchema, required: true },
    noticeVersion: { type: Number, required: true },
    collectedBy: { type: String, default: null },
    collectedAt: { type: Date, required: true },
    grantedAt: { type: Date, required: true },
    withdrawnAt: { type: Date, default: null },
    outdatedAt: { type: Date, default: null },
    history: { type: [changeSchema], default: [] },
    rev: { type: Number, default: 0 },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'consents' },
);
// One record per subject and purpose in a workspace: renewing consent updates it instead of adding another.
consentSchema.index({ workspaceId: 1, subjectType: 1, subjectId: 1, purpose: 1 }, { unique: true });
// Rights requests and the User/Respondent fields look subjects up across workspaces.
consentSchema.index({ subjectType: 1, subjectId: 1 });
// A new notice outdates the workspace's granted consents of its purposes; the renewal list reads them back.
consentSchema.index({ workspaceId: 1, status: 1, purpose: 1 });
// Erasure of a user clears them as the collector of others' consents, and as the author of history entries.
consentSchema.index({ collectedBy: 1 });
consentSchema.index({ 'history.by': 1 });
