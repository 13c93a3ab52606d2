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
    async save(responseId: string, fields: Fields, entry: OutboxEntry): Promise<void> {
      const update = outboxOnUpdate([entry]);
      await model.updateOne({ _id: responseId }, { ...update, $set: { ...update.$set, ...fields } }, { upsert: true });
    },
    findById: (id: string) => model.findById(id).lean<AnonymizedResponseDoc>().exec(),
    findOneOfDataset: (datasetId: string) => model.findOne({ datasetId }, { workspaceId: 1 }).lean<Pick<AnonymizedResponseDoc, '_id' | 'workspaceId'>>().exec(),
    countByDataset: (datasetId: string) => model.countDocuments({ datasetId }).exec(),
    deleteByPseudonym: async (pseudonym: string) => (await model.deleteMany({ pseudonym })).deletedCount,
  };
}
