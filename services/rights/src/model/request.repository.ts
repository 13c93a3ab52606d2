import type { SubjectType } from '@verbatim/contracts';
import type { Connection, Model } from 'mongoose';
import { insertUnique, type OutboxEntry } from '@verbatim/kit';
import { rightsRequestSchema, RUNNING_STATUSES, type RequestOrigin, type RequestStatus, type RightsRequestDoc } from './request.schema.js';

/** How a list of requests is filtered and ordered. */
export interface RequestListing {
  status?: RequestStatus | null | undefined;
  orderBy: 'REQUESTED_AT_DESC' | 'DUE_AT_ASC';
}
const sortOf = (listing: RequestListing): Record<string, 1 | -1> => (listing.orderBy === 'DUE_AT_ASC' ? { dueAt: 1, _id: 1 } : { requestedAt: -1, _id: 1 });
const filterOf = (listing: RequestListing) => (listing.status ? { status: listing.status } : {});
const newestFirst: RequestListing = { orderBy: 'REQUESTED_AT_DESC' };

export type RightsRequestRepository = ReturnType<typeof createRightsRequestRepository>;

export interface RequestChange {
  set: Partial<RightsRequestDoc>;
  unset?: Array<keyof RightsRequestDoc>;
  events?: OutboxEntry[];
}

export function createRightsRequestRepository(conn: Connection) {
  const requests = (conn.models['RightsRequest'] ?? conn.model<RightsRequestDoc>('RightsRequest', rightsRequestSchema)) as Model<RightsRequestDoc>;
  return {
    /** Which of these subject digests belong to a completed erasure. */
    erasedAmong: async (digests: readonly string[]): Promise<Set<string>> =>
      new Set(digests.length ? ((await requests.distinct('subjectDigest', { kind: 'ERASURE', status: 'COMPLETED', subjectDigest: { $in: digests } })) as string[]) : []),
    model: requests,
    /** 'duplicate' when an identical request is already open (unique openKey). */
    insert: (doc: RightsRequestDoc) => insertUnique(requests, doc),
    findById: (id: string) => requests.findById(id).lean<RightsRequestDoc>(),
    findOpen: (openKey: string) => requests.findOne({ openKey }).lean<RightsRequestDoc>(),
    /** Requests a user made about themself, newest first unless asked otherwise. */
    findByRequester: (userId: string, listing: RequestListing = newestFirst) =>
      requests.find({ requestedBy: userId, subjectType: 'USER', ...filterOf(listing) }).sort(sortOf(listing)).lean<RightsRequestDoc[]>(),
    /** Requests still naming the subject (an erased subject's requests name only a digest), oldest first. */
    findAboutSubject: (subjectType: SubjectType, subjectId: string, workspaceId: string | null) =>
      requests.find({ subjectType, subjectId, workspaceId }).sort({ requestedAt: 1 }).lean<RightsRequestDoc[]>(),
    /** Requests of one subject of a workspace, by id or (after their erasure) by digest, newest first. */
    findOfRespondent: async (workspaceId: string, subjectId: string, digest: string) => {
      const [named, digested] = await Promise.all([
        requests.find({ subjectType: 'RESPONDENT', subjectId, workspaceId }).lean<RightsRequestDoc[]>(),
        requests.find({ subjectDigest: digest }).lean<RightsRequestDoc[]>(),
      ]);
      const all = new Map([...named, ...digested.filter((r) => r.workspaceId === workspaceId && r.subjectType === 'RESPONDENT')].map((r) => [r._id, r]));
      return [...all.values()].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime());
    },
    /** Requests opened by one kind of requester (the DPO's queue), newest first unless asked otherwise. */
    findByOrigin: (origin: RequestOrigin, listing: RequestListing = newestFirst) =>
      requests.find({ origin, ...filterOf(listing) }).sort(sortOf(listing)).lean<RightsRequestDoc[]>(),
    findByWorkspace: (workspaceId: string, listing: RequestListing = newestFirst) =>
      requests.find({ workspaceId, ...filterOf(listing) }).sort(sortOf(listing)).lean<RightsRequestDoc[]>(),
    /** What the watchdog watches: the ids of requests the holders are working on. */
    findRunning: () => requests.find({ status: { $in: [...RUNNING_STATUSES] } }, { _id: 1 }).lean<Array<Pick<RightsRequestDoc, '_id'>>>(),
    /** Erasures waiting for a legal hold to be lifted. */
    findOnLegalHold: (legalHoldId?: string) =>
      requests.find({ status: 'ON_HOLD', holdReason: 'LEGAL_HOLD', ...(legalHoldId ? { legalHoldId } : {}) }).lean<RightsRequestDoc[]>(),
    /** Requests of one kind about one subject since `since` (the repetition check). */
    countSince: (kind: RightsRequestDoc['kind'], subjectType: SubjectType, subjectId: string, since: Date) =>
      requests.countDocuments({ kind, subjectType, subjectId, requestedAt: { $gte: since } }),
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
