import { outboxOnUpdate, type OutboxEntry } from '@verbatim/kit';
import type { Connection, Model } from 'mongoose';
import { responseSchema, type ResponseDoc } from './response.schema.js';

export type ResponseRepository = ReturnType<typeof createResponseRepository>;

/** Rows of an import still running are neither visible nor counted. */
const visible = { pipelineState: { $ne: 'STAGED' } } as const;

export function createResponseRepository(conn: Connection) {
  const responses = (conn.models['Response'] ?? conn.model<ResponseDoc>('Response', responseSchema)) as Model<ResponseDoc>;
  return {
    model: responses,
    insertMany: async (docs: ResponseDoc[]) => {
      await responses.insertMany(docs, { ordered: true });
    },
    findById: (id: string) => responses.findOne({ _id: id, ...visible }).lean<ResponseDoc>().exec(),
    /** Newest answers first. The text is selected too: callers decide what leaves the service. */
    findByDataset: (datasetId: string, limit: number) =>
      responses.find({ datasetId, ...visible }).sort({ submittedAt: -1, _id: 1 }).limit(limit).lean<ResponseDoc[]>().exec(),
    findByRespondent: (respondentId: string) => responses.find({ respondentId, ...visible }).lean<ResponseDoc[]>().exec(),
    countByRespondent: (respondentId: string) => responses.countDocuments({ respondentId, ...visible }).exec(),
    /** Per dataset, how many of this respondent's responses it holds (to keep responseCount right on erasure). */
    countByDatasetForRespondent: (respondentId: string) =>
      responses.aggregate<{ _id: string; count: number }>([{ $match: { respondentId, ...visible } }, { $group: { _id: '$datasetId', count: { $sum: 1 } } }]).exec(),
    /** Marks one response forwarded and appends its fresh event, in one write. */
    async forward(id: string, entry: OutboxEntry): Promise<boolean> {
      const update = outboxOnUpdate([entry]);
      const r = await responses.updateOne({ _id: id }, { ...update, $set: { ...update.$set, pipelineState: 'FORWARDED' } });
      return r.modifiedCount === 1;
    },
    /** Rectification: the text with the corrected identity, forwarded again for re-anonymization (entry null while restricted). */
    async rewrite(id: string, text: string, entry: OutboxEntry | null): Promise<boolean> {
      const update = entry ? outboxOnUpdate([entry]) : { $set: {} };
      const r = await responses.updateOne({ _id: id }, { ...update, $set: { ...update.$set, text, ...(entry ? { pipelineState: 'FORWARDED' } : {}) } });
      return r.modifiedCount === 1;
    },
    deleteByIds: async (ids: string[]) => (await responses.deleteMany({ _id: { $in: ids } })).deletedCount,
    deleteByRespondent: async (respondentId: string) => (await responses.deleteMany({ respondentId })).deletedCount,
  };
}
