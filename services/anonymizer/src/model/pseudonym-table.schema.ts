import { Schema } from 'mongoose';

/** One key of a dataset's pseudonym table: a keyed digest of a normalized value, never the value. */
export interface PseudonymEntry {
  k: string;
  p: string;
}

/** Which placeholder stands for a known respondent (by pseudonym), so an erasure can remove it. */
export interface SubjectPlaceholder {
  s: string;
  p: string;
}

/**
 * A dataset's pseudonym table: the same person keeps one `<PERSON_n>` across every response of the
 * dataset. One document per dataset, written whole with an optimistic `version` check (FerretDB has no
 * transactions; concurrent writers retry on a fresh read).
 */
export interface PseudonymTableDoc {
  _id: string;
  workspaceId: string;
  values: PseudonymEntry[];
  parts: PseudonymEntry[];
  /** Last number given per type: erased placeholders are never given to somebody else. */
  counters: Record<string, number>;
  subjects: SubjectPlaceholder[];
  version: number;
}

const entry = new Schema<PseudonymEntry>({ k: { type: String, required: true }, p: { type: String, required: true } }, { _id: false });
const subject = new Schema<SubjectPlaceholder>({ s: { type: String, required: true }, p: { type: String, required: true } }, { _id: false });

export const pseudonymTableSchema = new Schema<PseudonymTableDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    values: { type: [entry], default: [] },
    parts: { type: [entry], default: [] },
    counters: { type: Schema.Types.Mixed, default: {} },
    subjects: { type: [subject], default: [] },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: 'pseudonym_tables', minimize: false },
);
pseudonymTableSchema.index({ 'subjects.s': 1 });
