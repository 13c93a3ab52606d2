import { Schema, type Connection, type Model } from 'mongoose';
import { corpusSchema, type CorpusDoc } from './corpus.schema.js';

/**
 * How many corpus documents each dataset holds, kept by the writes that change it (a new response,
 * an erasure), so the dashboard's count is one read by `_id` instead of a read of the whole dataset.
 * Two writes without a transaction: a crash between them leaves the count off by one; reports read
 * the corpus itself.
 */
interface DatasetCountDoc {
  _id: string;
  stored: number;
}
const datasetCountSchema = new Schema<DatasetCountDoc>(
  { _id: { type: String, required: true }, stored: { type: Number, required: true, default: 0 } },
  { versionKey: false, collection: 'dataset_counts' },
);

export type CorpusRepository = ReturnType<typeof createCorpusRepository>;

export function createCorpusRepository(conn: Connection) {
  const corpus = (conn.models['Corpus'] ?? conn.model<CorpusDoc>('Corpus', corpusSchema)) as Model<CorpusDoc>;
  const counts = (conn.models['DatasetCount'] ?? conn.model<DatasetCountDoc>('DatasetCount', datasetCountSchema)) as Model<DatasetCountDoc>;
  const addToCount = (datasetId: string, delta: number) => counts.updateOne({ _id: datasetId }, { $inc: { stored: delta } }, { upsert: true });
  return {
    model: corpus,
    /** Idempotent: the same response arriving twice leaves one document; receivedAt keeps the first arrival. */
    async upsert(doc: Omit<CorpusDoc, 'receivedAt'>, receivedAt: Date): Promise<void> {
      const { _id, ...fields } = doc;
      const r = await corpus.updateOne({ _id }, { $set: fields, $setOnInsert: { receivedAt } }, { upsert: true });
      if (r.upsertedCount === 1) await addToCount(doc.datasetId, 1);
    },
    /** The maintained number of corpus documents of a dataset. */
    storedCount: async (datasetId: string) => (await counts.findById(datasetId).lean<DatasetCountDoc>())?.stored ?? 0,
    countOfRespondentInDataset: (datasetId: string, workspaceId: string, respondentId: string) =>
      corpus.countDocuments({ datasetId, workspaceId, respondentId }).exec(),
    findById: (id: string) => corpus.findById(id).lean<CorpusDoc>(),
    findByDataset: (datasetId: string) => corpus.find({ datasetId }).sort({ _id: 1 }).lean<CorpusDoc[]>(),
    /** Respondent of every response of a dataset, without the texts (for counting). */
    respondentsOfDataset: (datasetId: string) =>
      corpus.find({ datasetId }, { respondentId: 1, workspaceId: 1 }).lean<Array<Pick<CorpusDoc, '_id' | 'respondentId' | 'workspaceId'>>>(),
    /** A dataset belongs to one workspace; any of its responses tells which. */
    async workspaceOfDataset(datasetId: string): Promise<string | undefined> {
      return (await corpus.findOne({ datasetId }, { workspaceId: 1 }).lean<Pick<CorpusDoc, 'workspaceId'>>())?.workspaceId;
    },
    /** Every corpus document of one respondent of a workspace (an access answer). */
    findByRespondent: (workspaceId: string, respondentId: string) => corpus.find({ workspaceId, respondentId }).lean<CorpusDoc[]>(),
    async responseIdsOfRespondent(workspaceId: string, respondentId: string): Promise<string[]> {
      return (await corpus.find({ workspaceId, respondentId }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((d) => d._id);
    },
    async deleteByRespondent(workspaceId: string, respondentId: string): Promise<number> {
      const perDataset = await corpus.aggregate<{ _id: string; count: number }>([
        { $match: { workspaceId, respondentId } },
        { $group: { _id: '$datasetId', count: { $sum: 1 } } },
      ]);
      const deleted = (await corpus.deleteMany({ workspaceId, respondentId })).deletedCount;
      for (const d of perDataset) await addToCount(d._id, -d.count);
      return deleted;
    },
  };
}
