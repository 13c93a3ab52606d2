import { Schema } from 'mongoose';

/** A respondent as the anonymizer knows them: a pseudonym and whether processing is restricted. */
export interface SubjectDoc {
  _id: string;
  restricted: boolean;
  /** When this service applied the restriction; events created before it are skipped (see handlers). */
  restrictedAt?: Date | null;
  /** Set by an erasure: a tombstone holding nothing but the pseudonym, so in-flight events are dropped. */
  erasedAt?: Date | null;
  /** Art. 21 objections recorded through rights requests (ML_IMPROVEMENT keeps them out of the training export). */
  objections?: string[];
}

export const subjectSchema = new Schema<SubjectDoc>(
  {
    _id: { type: String, required: true },
    restricted: { type: Boolean, default: false },
    restrictedAt: { type: Date, default: null },
    erasedAt: { type: Date, default: null },
    objections: { type: [String], default: undefined },
  },
  { versionKey: false, collection: 'subjects' },
);

// The training export's exclusion list reads each of these (one $or branch per index).
subjectSchema.index({ restricted: 1 });
subjectSchema.index({ objections: 1 });
subjectSchema.index({ erasedAt: 1 });
