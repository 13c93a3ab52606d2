import type { AuditEntry } from '@verbatim/contracts';
import { insertUnique } from '@verbatim/kit';
import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The platform's audit log of reads and changes of personal data, fed by every service
 * (rights.audit-entry.v1). Append-only: nothing here updates an entry except an erasure, which replaces
 * the erased person's id by its keyed digest; the retention sweep deletes entries after a year.
 */
export interface AuditLogDoc {
  _id: string;
  service: AuditEntry['service'];
  at: Date;
  workspaceId: string | null;
  actorUserId: string | null;
  actorClientId: string | null;
  operationType: AuditEntry['operationType'];
  operationName: string | null;
  fields: string[];
  subjectRefs: string[];
  truncated: boolean;
  /** Why, when the reader had to state it (the DPO opening an archive). */
  reason: string | null;
  /** The staff access grant a read was made under, or a grant step (action) is about: its id and reason. */
  accessGrant: { id: string; reason: string } | null;
  /** A step of a staff access grant (requested, approved, ...), for entries that record no read. */
  action: AuditEntry['action'] | null;
}

const auditLogSchema = new Schema<AuditLogDoc>(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    at: { type: Date, required: true },
    workspaceId: { type: String, default: null },
    actorUserId: { type: String, default: null },
    actorClientId: { type: String, default: null },
    operationType: { type: String, required: true },
    operationName: { type: String, default: null },
    fields: { type: [String], default: [] },
    subjectRefs: { type: [String], default: [] },
    truncated: { type: Boolean, default: false },
    reason: { type: String, default: null },
    accessGrant: { type: Schema.Types.Mixed, default: null },
    action: { type: String, default: null },
  },
  { versionKey: false, collection: 'audit_log' },
);
auditLogSchema.index({ workspaceId: 1, at: -1 });
auditLogSchema.index({ subjectRefs: 1 });
auditLogSchema.index({ actorUserId: 1 });
// The DPO's view across workspaces: newest first, or one grant's entries.
auditLogSchema.index({ at: -1 });
auditLogSchema.index({ 'accessGrant.id': 1, at: -1 }, { sparse: true });

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;

export function createAuditLogRepository(conn: Connection) {
  const log = (conn.models['AuditLogEntry'] ?? conn.model<AuditLogDoc>('AuditLogEntry', auditLogSchema)) as Model<AuditLogDoc>;
  return {
    /** Idempotent: a redelivered entry is written once. */
    append: (doc: AuditLogDoc) => insertUnique(log, doc),
    /** Newest first, `limit` entries older than `before` (a cursor: the last entry's time). */
    ofWorkspace: (workspaceId: string, limit: number, before?: Date) =>
      log.find({ workspaceId, ...(before ? { at: { $lt: before } } : {}) }).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditLogDoc[]>(),
    /** Every workspace's entries (the DPO), newest first, optionally of one access grant only. */
    acrossWorkspaces: (limit: number, before: Date | undefined, accessGrantId: string | undefined) =>
      log
        .find(accessGrantId ? { 'accessGrant.id': accessGrantId, ...(before ? { at: { $lt: before } } : {}) } : { at: { $lt: before ?? new Date(8.64e15) } })
        .sort({ at: -1, _id: -1 })
        .limit(limit)
        .lean<AuditLogDoc[]>(),
    /** Entries that name the person, as reader or as one whose data was read. */
    naming: (id: string) => log.find({ $or: [{ subjectRefs: id }, { actorUserId: id }] }).sort({ at: -1 }).lean<AuditLogDoc[]>(),
    /** Replaces the person's id by `digest` wherever it appears. */
    async replaceId(id: string, digest: string): Promise<number> {
      const asActor = await log.updateMany({ actorUserId: id }, { $set: { actorUserId: digest } });
      const asSubject = await log.updateMany({ subjectRefs: id }, { $set: { 'subjectRefs.$': digest } });
      return asActor.modifiedCount + asSubject.modifiedCount;
    },
  };
}
