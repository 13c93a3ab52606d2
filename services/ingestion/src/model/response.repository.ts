import { outboxOnUpdate, type OutboxEntry } from '@verbatim/kit';
import type { Connection, Model } from 'mongoose';
import { responseSchema, type ConsentHold, type ResponseDoc } from './response.schema.js';

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
    findByIds: (ids: string[]) => responses.find({ _id: { $in: ids } }).lean<ResponseDoc[]>().exec().then((found) => {
      const byId = new Map(found.map((r) => [r._id, r]));
      return ids.map((id) => byId.get(id)).filter((r): r is ResponseDoc => r !== undefined);
    }),
    /** The consent references an import's rows still wait for. */
    consentHeldRefs: async (importId: string) => (await responses.distinct('consentRef', { importId, pipelineState: 'HELD', consentHold: { $ne: null } }).exec()) as string[],
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
    /** The respondent's responses HELD for want of this consent. */
    findConsentHeld: (consentId: string, workspaceId: string, respondentId: string) =>
      responses.find({ consentRef: consentId, workspaceId, respondentId, pipelineState: 'HELD', consentHold: { $ne: null } }).lean<ResponseDoc[]>().exec(),
    /** Clears the consent hold; with an entry the response is forwarded in the same write (without: it stays HELD for a restriction). */
    async releaseConsentHold(id: string, entry: OutboxEntry | null): Promise<boolean> {
      const update = entry ? outboxOnUpdate([entry]) : { $set: {} };
      const r = await responses.updateOne({ _id: id, pipelineState: 'HELD', consentHold: { $ne: null } }, { ...update, $set: { ...update.$set, consentHold: null, ...(entry ? { pipelineState: 'FORWARDED' } : {}) } });
      return r.modifiedCount === 1;
    },
    /** Says why the responses waiting for this consent still wait (it was withdrawn or outdated meanwhile). */
    setConsentHold: async (consentId: string, workspaceId: string, respondentId: string, reason: ConsentHold) =>
      (await responses.updateMany({ consentRef: consentId, workspaceId, respondentId, pipelineState: 'HELD', consentHold: { $ne: null } }, { $set: { consentHold: reason } })).modifiedCount,
    deleteByIds: async (ids: string[]) => (await responses.deleteMany({ _id: { $in: ids } })).deletedCount,
    deleteByRespondent: async (respondentId: string) => (await responses.deleteMany({ respondentId })).deletedCount,
  };
}
