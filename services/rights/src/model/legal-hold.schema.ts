import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import { Schema } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';

/** An authority's order to keep a subject's data: their erasures wait ON_HOLD until it is lifted. */
export interface LegalHoldDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  subjectType: SubjectType;
  /** Replaced by subjectDigest when the subject's erasure completes (after the hold was lifted). */
  subjectId: string | null;
  subjectDigest?: string | null;
  /** The authority's reference for the order (a case or warrant number), not personal data. */
  reference: string;
  placedBy: string;
  placedAt: Date;
  liftedBy: string | null;
  liftedAt: Date | null;
  /** "<subjectType>:<subjectId>" while active, "lifted:<id>" after: one active hold per subject, enforced by a unique index. */
  activeKey: string;
}

export const legalHoldSchema = new Schema<LegalHoldDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String, default: null },
    subjectDigest: { type: String, default: null },
    reference: { type: String, required: true },
    placedBy: { type: String, required: true },
    placedAt: { type: Date, required: true },
    liftedBy: { type: String, default: null },
    liftedAt: { type: Date, default: null },
    activeKey: { type: String, required: true, unique: true },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'legal_holds' },
);
legalHoldSchema.index({ workspaceId: 1, placedAt: -1 });
legalHoldSchema.index({ subjectId: 1 });
