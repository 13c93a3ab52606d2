import type { OutboxEntry } from '@verbatim/kit';
import { outboxOnCreate, outboxOnUpdate } from '@verbatim/kit';
import type { Connection, Model } from 'mongoose';
import { accessGrantSchema, type AccessGrantDoc, type StoredGrantStatus } from './access-grant.schema.js';

export type AccessGrantRepository = ReturnType<typeof createAccessGrantRepository>;

const LIST_LIMIT = 200;

export function createAccessGrantRepository(conn: Connection) {
  const grants = (conn.models['AccessGrant'] ?? conn.model<AccessGrantDoc>('AccessGrant', accessGrantSchema)) as Model<AccessGrantDoc>;
  return {
    model: grants,
    /** The grant and its events in one write. */
    insert: async (grant: Omit<AccessGrantDoc, keyof ReturnType<typeof outboxOnCreate>>, events: OutboxEntry[]) => {
      await grants.create({ ...grant, ...outboxOnCreate(events) });
    },
    /** Tenant isolation: a grant is only ever found within the workspace the caller names. */
    findInWorkspace: (workspaceId: string, id: string) => grants.findOne({ _id: id, workspaceId }).lean<AccessGrantDoc>(),
    findOfStaff: (staffUserId: string, id: string) => grants.findOne({ _id: id, staffUserId }).lean<AccessGrantDoc>(),
    /** Newest first. */
    ofWorkspace: (workspaceId: string, statuses?: StoredGrantStatus[]) =>
      grants.find({ workspaceId, ...(statuses ? { status: { $in: statuses } } : {}) }).sort({ requestedAt: -1 }).limit(LIST_LIMIT).lean<AccessGrantDoc[]>(),
    ofStaff: (staffUserId: string) => grants.find({ staffUserId }).sort({ requestedAt: -1 }).limit(LIST_LIMIT).lean<AccessGrantDoc[]>(),
    /**
     * Moves the grant from one of `from` to a new state with its events, only if nobody moved it meanwhile
     * (compare-and-set on the status): the updated grant, or null when it was not in `from` any more.
     */
    async transition(id: string, from: StoredGrantStatus[], set: Partial<AccessGrantDoc>, events: OutboxEntry[]): Promise<AccessGrantDoc | null> {
      const outbox = outboxOnUpdate(events);
      return grants
        .findOneAndUpdate({ _id: id, status: { $in: from } }, { ...outbox, $set: { ...set, ...outbox.$set } }, { new: true })
        .lean<AccessGrantDoc>();
    },
    /** Erasure of a staff member: their grants go (the audit log keeps the proof, naming them by digest). */
    deleteOfStaff: async (staffUserId: string) => (await grants.deleteMany({ staffUserId })).deletedCount,
    /** Erasure of a deciding ADMIN: the grants stay, without naming them. */
    async forgetDecider(userId: string): Promise<number> {
      const decided = await grants.updateMany({ decidedBy: userId }, { $set: { decidedBy: null } });
      const revoked = await grants.updateMany({ revokedBy: userId }, { $set: { revokedBy: null } });
      return decided.modifiedCount + revoked.modifiedCount;
    },
    /** For an access answer: the grants the person asked for, decided or revoked. */
    naming: (userId: string) => grants.find({ $or: [{ staffUserId: userId }, { decidedBy: userId }, { revokedBy: userId }] }).lean<AccessGrantDoc[]>(),
  };
}
