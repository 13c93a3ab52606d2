import { Schema, type Connection, type Model } from 'mongoose';

/**
 * How many anonymized responses each dataset holds, kept up to date by the writes that change it
 * (a new anonymized response, an erasure) so Dataset.anonymizedCount is one read by `_id` instead of a
 * count over the collection. Also remembers the dataset's workspace, for the tenant check.
 */
export interface DatasetCountDoc {
  _id: string;
  workspaceId: string;
  anonymized: number;
}

const datasetCountSchema = new Schema<DatasetCountDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    anonymized: { type: Number, required: true, default: 0 },
  },
  { versionKey: false, collection: 'dataset_counts' },
);

export type DatasetCountRepository = ReturnType<typeof createDatasetCountRepository>;

export function createDatasetCountRepository(conn: Connection) {
  const model = (conn.models['DatasetCount'] ?? conn.model<DatasetCountDoc>('DatasetCount', datasetCountSchema)) as Model<DatasetCountDoc>;
  return {
    model,
    findById: (datasetId: string) => model.findById(datasetId).lean<DatasetCountDoc>().exec(),
    async add(datasetId: string, workspaceId: string, delta: number): Promise<void> {
      if (delta === 0) return;
      await model.updateOne({ _id: datasetId }, { $inc: { anonymized: delta }, $setOnInsert: { workspaceId } }, { upsert: true });
    },
  };
}
