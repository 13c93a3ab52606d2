import { Schema } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';
import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';

export type ConsentPurpose = 'ANALYSIS' | 'AI_PROCESSING' | 'CONTACT';
export type ConsentStatus = 'GRANTED' | 'WITHDRAWN';

/** One status change; the history is the evidence of when consent stood (GDPR Art. 7(1)). */
export interface ConsentChange {
  status: ConsentStatus;
  source: string;
  at: Date;
}

export interface ConsentDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  subjectType: SubjectType;
  subjectId: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: string;
  grantedAt: Date;
  withdrawnAt: Date | null;
  history: ConsentChange[];
  /** Optimistic concurrency: FerretDB has no transactions, so changes are read, modified, written if unchanged. */
  rev: number;
}

export const consentSchema = new Schema<ConsentDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['ANALYSIS', 'AI_PROCESSING', 'CONTACT'] },
    status: { type: String, required: true, enum: ['GRANTED', 'WITHDRAWN'] },
    source: { type: String, required: true },
    grantedAt: { type: Date, required: true },
    withdrawnAt: { type: Date, default: null },
    history: { type: [{ _id: false, status: String, source: String, at: Date }], default: [] },
    rev: { type: Number, default: 0 },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'consents' },
);
// One record per subject and purpose in a workspace: renewing consent updates it instead of adding another.
consentSchema.index({ workspaceId: 1, subjectType: 1, subjectId: 1, purpose: 1 }, { unique: true });
// Rights requests and the User/Respondent fields look subjects up across workspaces.
consentSchema.index({ subjectType: 1, subjectId: 1 });
