import { Schema } from 'mongoose';

/** What the processing of a dataset's responses rests on (GDPR Art. 6(1)); CONSENT checks each response's consentRef. */
export type DatasetLegalBasis = 'CONSENT' | 'LEGITIMATE_INTEREST';

export interface DatasetDoc {
  _id: string;
  workspaceId: string;
  name: string;
  createdAt: Date;
  /** Responses stored (held ones included); changed with $inc only, never recounted. */
  responseCount: number;
  /** +1 per batch of responses; response events and reports carry it. */
  version: number;
  /** Absent on datasets created before the basis was recorded: LEGITIMATE_INTEREST, what they were processed under. */
  legalBasis?: DatasetLegalBasis;
}

export const datasetSchema = new Schema<DatasetDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    responseCount: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
    legalBasis: { type: String, enum: ['CONSENT', 'LEGITIMATE_INTEREST'], default: 'LEGITIMATE_INTEREST' },
  },
  { versionKey: false, collection: 'datasets' },
);
datasetSchema.index({ workspaceId: 1, createdAt: -1 });
