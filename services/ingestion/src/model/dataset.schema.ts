import { Schema } from 'mongoose';

export interface DatasetDoc {
  _id: string;
  workspaceId: string;
  name: string;
  createdAt: Date;
  /** Responses stored (held ones included); changed with $inc only, never recounted. */
  responseCount: number;
  /** +1 per batch of responses; response events and reports carry it. */
  version: number;
}

export const datasetSchema = new Schema<DatasetDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    responseCount: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'datasets' },
);
datasetSchema.index({ workspaceId: 1, createdAt: -1 });
