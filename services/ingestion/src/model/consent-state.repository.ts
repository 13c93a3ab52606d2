import type { Connection, Model } from 'mongoose';
import { consentStateSchema, type ConsentStateDoc } from './consent-state.schema.js';

export type ConsentStateRepository = ReturnType<typeof createConsentStateRepository>;

export function createConsentStateRepository(conn: Connection) {
  const states = (conn.models['ConsentState'] ?? conn.model<ConsentStateDoc>('ConsentState', consentStateSchema)) as Model<ConsentStateDoc>;
  return {
    model: states,
    findByIds: async (ids: string[]) => new Map((await states.find({ _id: { $in: ids } }).lean<ConsentStateDoc[]>().exec()).map((s) => [s._id, s])),
    /** Stores the state unless a newer one is already known; true when stored. */
    async apply(state: ConsentStateDoc): Promise<boolean> {
      const known = await states.findById(state._id).lean<ConsentStateDoc>().exec();
      if (known && known.changedAt.getTime() > state.changedAt.getTime()) return false;
      await states.updateOne({ _id: state._id }, { $set: state }, { upsert: true });
      return true;
    },
    deleteBySubject: async (subjectId: string) => (await states.deleteMany({ subjectId })).deletedCount,
  };
}
