import type { SubjectType } from '@verbatim/contracts';
import type { Connection, Model } from 'mongoose';
import { insertUnique, type OutboxEntry } from '@verbatim/kit';
import { rightsRequestSchema, type RightsRequestDoc } from './request.schema.js';

export type RightsRequestRepository = ReturnType<typeof createRightsRequestRepository>;

export interface RequestChange {
  set: Partial<RightsRequestDoc>;
  unset?: Array<keyof RightsRequestDoc>;
  events?: OutboxEntry[];
}

export function createRightsRequestRepository(conn: Connection) {
  const requests = (conn.models['RightsRequest'] ?? conn.model<RightsRequestDoc>('RightsRequest', rightsRequestSchema)) as Model<RightsRequestDoc>;
  return {
    model: requests,
    /** 'duplicate' when an identical request is already open (unique openKey). */
    insert: (doc: RightsRequestDoc) => insertUnique(requests, doc),
    findById: (id: string) => requests.findById(id).lean<RightsRequestDoc>(),
    findOpen: (openKey: string) => requests.findOne({ openKey }).lean<RightsRequestDoc>(),
    /** Requests a user made about themself, newest first. */
    findByRequester: (userId: string) =>
      requests.find({ requestedBy: userId, subjectType: 'USER' }).sort({ requestedAt: -1 }).lean<RightsRequestDoc[]>(),
    /** Requests still naming the subject (an erased subject's requests name only a digest), oldest first. */
    findAboutSubject: (subjectType: SubjectType, subjectId: string, workspaceId: string | null) =>
      requests.find({ subjectType, subjectId, workspaceId }).sort({ requestedAt: 1 }).lean<RightsRequestDoc[]>(),
    findByWorkspace: (workspaceId: string) => requests.find({ workspaceId }).sort({ requestedAt: -1 }).lean<RightsRequestDoc[]>(),
    /**
     * One single-document write (fields, removals and events together) if nobody changed the request
     * since `rev` was read; false means read again.
     */
    async update(id: string, rev: number, change: RequestChange): Promise<boolean> {
      const events = change.events ?? [];
      const r = await requests.updateOne(
        { _id: id, rev },
        {
          $set: { ...change.set, ...(events.length ? { outboxPending: true } : {}) },
          ...(change.unset?.length ? { $unset: Object.fromEntries(change.unset.map((f) => [f, ''])) } : {}),
          ...(events.length ? { $push: { outbox: { $each: events } } } : {}),
          $inc: { rev: 1, ...(events.length ? { outboxSeq: 1 } : {}) },
        },
      );
      return r.modifiedCount === 1;
    },
  };
}
