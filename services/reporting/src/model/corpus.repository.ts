import type { Connection, Model } from 'mongoose';
import { corpusSchema, type CorpusDoc } from './corpus.schema.js';

export type CorpusRepository = ReturnType<typeof createCorpusRepository>;

export function createCorpusRepository(conn: Connection) {
  const corpus = (conn.models['Corpus'] ?? conn.model<CorpusDoc>('Corpus', corpusSchema)) as Model<CorpusDoc>;
  return {
    model: corpus,
    /** Idempotent: the same response arriving twice leaves one document; receivedAt keeps the first arrival. */
    async upsert(doc: Omit<CorpusDoc, 'receivedAt'>, receivedAt: Date): Promise<void> {
      const { _id, ...fields } = doc;
      await corpus.updateOne({ _id }, { $set: fields, $setOnInsert: { receivedAt } }, { upsert: true });
    },
    findById: (id: string) => corpus.findById(id).lean<CorpusDoc>(),
    findByDataset: (datasetId: string) => corpus.find({ datasetId }).sort({ _id: 1 }).lean<CorpusDoc[]>(),
    /** Respondent of every response of a dataset, without the texts (for counting). */
    respondentsOfDataset: (datasetId: string) =>
      corpus.find({ datasetId }, { respondentId: 1, workspaceId: 1 }).lean<Array<Pick<CorpusDoc, '_id' | 'respondentId' | 'workspaceId'>>>(),
    /** A dataset belongs to one workspace; any of its responses tells which. */
    async workspaceOfDataset(datasetId: string): Promise<string | undefined> {
      return (await corpus.findOne({ datasetId }, { workspaceId: 1 }).lean<Pick<CorpusDoc, 'workspaceId'>>())?.workspaceId;
    },
    async responseIdsOfRespondent(workspaceId: string, respondentId: string): Promise<string[]> {
      return (await corpus.find({ workspaceId, respondentId }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((d) => d._id);
    },
    async deleteByRespondent(workspaceId: string, respondentId: string): Promise<number> {
      return (await corpus.deleteMany({ workspaceId, respondentId })).deletedCount;
    },
  };
}
