import { Schema } from 'mongoose';

/**
 * One anonymized response, ready for analysis: the only text reporting ever holds. Keyed by the
 * response id, so a redelivered event overwrites instead of duplicating.
 */
export interface CorpusDoc {
  _id: string;
  workspaceId: string;
  datasetId: string;
  datasetVersion: number;
  /** Opaque id, kept only to honour erasure, restriction and objection. */
  respondentId: string;
  pseudonym: string;
  /** Anonymized text (placeholders such as <PERSON_1> in place of personal data). */
  text: string;
  language: 'fr' | 'en';
  submittedAt: Date;
  receivedAt: Date;
}

export const corpusSchema = new Schema<CorpusDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    datasetVersion: { type: Number, required: true },
    respondentId: { type: String, required: true },
    pseudonym: { type: String, required: true },
    text: { type: String, required: true },
    language: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'corpus' },
);
corpusSchema.index({ datasetId: 1 });
corpusSchema.index({ respondentId: 1 });
