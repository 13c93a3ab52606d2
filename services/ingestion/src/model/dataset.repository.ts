import type { Connection, Model } from 'mongoose';
import { datasetSchema, type DatasetDoc } from './dataset.schema.js';

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;

export function createDatasetRepository(conn: Connection) {
  const datasets = (conn.models['Dataset'] ?? conn.model<DatasetDoc>('Dataset', datasetSchema)) as Model<DatasetDoc>;
  return {
    model: datasets,
    insert: async (dataset: DatasetDoc) => {
      await datasets.create(dataset);
    },
    findById: (id: string) => datasets.findById(id).lean<DatasetDoc>().exec(),
    findByWorkspace: (workspaceId: string) => datasets.find({ workspaceId }).sort({ createdAt: -1, _id: 1 }).lean<DatasetDoc[]>().exec(),
    /** One atomic write: the new version is what this batch's events carry. */
    recordBatch: (id: string, added: number) =>
      datasets.findOneAndUpdate({ _id: id }, { $inc: { version: 1, responseCount: added } }, { returnDocument: 'after' }).lean<DatasetDoc>().exec(),
    adjustResponseCount: async (id: string, delta: number) => (await datasets.updateOne({ _id: id }, { $inc: { responseCount: delta } })).modifiedCount,
  };
}
