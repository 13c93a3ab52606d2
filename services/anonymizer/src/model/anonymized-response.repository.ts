import { outboxOnUpdate, type OutboxEntry } from '@verbatim/kit';
import type { Connection, Model } from 'mongoose';
import { anonymizedResponseSchema, type AnonymizedResponseDoc } from './anonymized-response.schema.js';

export type AnonymizedResponseRepository = ReturnType<typeof createAnonymizedResponseRepository>;

type Fields = Omit<AnonymizedResponseDoc, '_id' | 'outbox' | 'outboxPending' | 'outboxSeq'>;

export function createAnonymizedResponseRepository(conn: Connection) {
  const model = (conn.models['AnonymizedResponse'] ?? conn.model<AnonymizedResponseDoc>('AnonymizedResponse', anonymizedResponseSchema)) as Model<AnonymizedResponseDoc>;
  return {
    model,
    /**
     * Creates or replaces the anonymized response and appends its event, in one write. Appending (not
     * overwriting) the outbox and bumping its sequence keeps a relay pass in flight from clearing the new event.
     */
    /** True when the response was new (not a redelivery replacing it). */
    async save(responseId: string, fields: Fields, entry: OutboxEntry): Promise<boolean> {
      const update = outboxOnUpdate([entry]);
      const r = await model.updateOne({ _id: responseId }, { ...update, $set: { ...update.$set, ...fields } }, { upsert: true });
      return r.upsertedCount === 1;
    },
    findById: (id: string) => model.findById(id).lean<AnonymizedResponseDoc>().exec(),
    /** Per dataset, how many of this subject's responses it holds (read before an erasure deletes them). */
    countByDatasetForPseudonym: (pseudonym: string) =>
      model.aggregate<{ _id: string; workspaceId: string; count: number }>([
        { $match: { pseudonym } },
        { $group: { _id: '$datasetId', workspaceId: { $first: '$workspaceId' }, count: { $sum: 1 } } },
      ]).exec(),
    /** Every anonymized response of one subject (an access answer). */
    findByPseudonym: (pseudonym: string) => model.find({ pseudonym }).lean<AnonymizedResponseDoc[]>().exec(),
    deleteByPseudonym: async (pseudonym: string) => (await model.deleteMany({ pseudonym })).deletedCount,
  };
}
