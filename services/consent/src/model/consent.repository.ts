import type { Connection, Model } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';
import { insertUnique, type OutboxEntry } from '@verbatim/kit';
import { consentSchema, type ConsentChange, type ConsentDoc, type ConsentPurpose } from './consent.schema.js';

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

export function createConsentRepository(conn: Connection) {
  const consents = (conn.models['Consent'] ?? conn.model<ConsentDoc>('Consent', consentSchema)) as Model<ConsentDoc>;
  return {
    model: consents,
    findById: (id: string) => consents.findById(id).lean<ConsentDoc>(),
    findByKey: (workspaceId: string, subjectType: SubjectType, subjectId: string, purpose: ConsentPurpose) =>
      consents.findOne({ workspaceId, subjectType, subjectId, purpose }).lean<ConsentDoc>(),
    /** 'duplicate' when the subject already has a record for this purpose (unique index): read it and update instead. */
    insert: (doc: ConsentDoc) => insertUnique(consents, doc),
    /**
     * Applies a status change, its history entry and its events in one single-document write, if nobody
     * changed the record since `rev` was read; false means read again.
     */
    async applyChange(id: string, rev: number, set: Partial<ConsentDoc>, change: ConsentChange, events: OutboxEntry[]): Promise<boolean> {
      const r = await consents.updateOne(
        { _id: id, rev },
        {
          $set: { ...set, outboxPending: true },
          $push: { history: change, outbox: { $each: events } },
          $inc: { rev: 1, outboxSeq: 1 },
        },
      );
      return r.modifiedCount === 1;
    },
    /** Granted consents of these purposes given under a notice older than `version` (a page, oldest id first). */
    findGrantedBefore: (workspaceId: string, purposes: ConsentPurpose[], version: number, after: string, limit: number) =>
      consents
        .find({ workspaceId, status: 'GRANTED', purpose: { $in: purposes }, noticeVersion: { $lt: version }, _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<ConsentDoc[]>(),
    /** The workspace's OUTDATED consents (who must be asked again), oldest outdating first. */
    findOutdated: (workspaceId: string, purpose: ConsentPurpose | null, limit: number) =>
      consents
        .find({ workspaceId, status: 'OUTDATED', ...(purpose ? { purpose } : {}) })
        .sort({ outdatedAt: 1, _id: 1 })
        .limit(limit)
        .lean<ConsentDoc[]>(),
    /** Newest first; `workspaceIds` limits the result to the caller's tenants. */
    findBySubject: (subjectType: SubjectType, subjectId: string, workspaceIds?: string[]) =>
      consents
        .find({ subjectType, subjectId, ...(workspaceIds ? { workspaceId: { $in: workspaceIds } } : {}) })
        .sort({ grantedAt: -1 })
        .lean<ConsentDoc[]>(),
    /** Erasure: removes every record of the subject (in one workspace when given); returns how many. */
    deleteBySubject: async (subjectType: SubjectType, subjectId: string, workspaceId?: string | null) =>
      (await consents.deleteMany({ subjectType, subjectId, ...(workspaceId ? { workspaceId } : {}) })).deletedCount,
    /** Erasure of a user: they stay nowhere as the collector of other people's consents. Returns records changed. */
    async forgetCollector(userId: string): Promise<number> {
      const standing = await consents.updateMany({ collectedBy: userId }, { $set: { collectedBy: null } });
      const history = await consents.updateMany({ 'history.by': userId }, { $set: { 'history.$[c].by': null } }, { arrayFilters: [{ 'c.by': userId }] });
      return Math.max(standing.modifiedCount, history.modifiedCount);
    },
  };
}
