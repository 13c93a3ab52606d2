import type { Connection, Model } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';
import { insertUnique, outboxOnUpdate, type OutboxEntry } from '@verbatim/kit';
import { legalHoldSchema, type LegalHoldDoc } from './legal-hold.schema.js';

export type LegalHoldRepository = ReturnType<typeof createLegalHoldRepository>;

export const activeHoldKey = (subjectType: SubjectType, subjectId: string) => `${subjectType}:${subjectId}`;

export function createLegalHoldRepository(conn: Connection) {
  const holds = (conn.models['LegalHold'] ?? conn.model<LegalHoldDoc>('LegalHold', legalHoldSchema)) as Model<LegalHoldDoc>;
  return {
    model: holds,
    /** 'duplicate' when the subject already has an active hold. */
    insert: (doc: LegalHoldDoc) => insertUnique(holds, doc),
    findById: (id: string) => holds.findById(id).lean<LegalHoldDoc>(),
    findActive: (subjectType: SubjectType, subjectId: string) => holds.findOne({ activeKey: activeHoldKey(subjectType, subjectId) }).lean<LegalHoldDoc>(),
    findByWorkspace: (workspaceId: string) => holds.find({ workspaceId }).sort({ placedAt: -1 }).lean<LegalHoldDoc[]>(),
    /** Only lifted holds remain once the subject is erased (an active one keeps the erasure waiting). */
    digestSubject: async (subjectType: SubjectType, subjectId: string, subjectDigest: string) =>
      (await holds.updateMany({ subjectType, subjectId, liftedAt: { $ne: null } }, { $set: { subjectId: null, subjectDigest } })).modifiedCount,
    /** False when it was lifted already (by someone else meanwhile). */
    async lift(id: string, liftedBy: string, liftedAt: Date, events: OutboxEntry[]): Promise<boolean> {
      const outbox = outboxOnUpdate(events);
      const r = await holds.updateOne({ _id: id, liftedAt: null }, { ...outbox, $set: { ...outbox.$set, liftedBy, liftedAt, activeKey: `lifted:${id}` } });
      return r.modifiedCount === 1;
    },
  };
}
