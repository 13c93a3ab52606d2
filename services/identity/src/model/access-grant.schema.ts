import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import { Schema } from 'mongoose';

/** Stored states; EXPIRED is not stored: an ACTIVE grant past `endsAt` is expired (see effectiveStatus). */
export const STORED_GRANT_STATUSES = ['PENDING', 'ACTIVE', 'DENIED', 'REVOKED'] as const;
export type StoredGrantStatus = (typeof STORED_GRANT_STATUSES)[number];
export type AccessGrantStatus = StoredGrantStatus | 'EXPIRED';

/**
 * A platform staff member's read-only access to one workspace's personal data: asked with a reason and a
 * duration, approved or denied by a workspace ADMIN (or opened at once as break-glass by a DPO or
 * PLATFORM_ADMIN), ended at `endsAt` or earlier by a revocation. Each step's audit entry (and, on revocation,
 * the access-revoked event) travels in the document's own outbox, so the change and its record are one write.
 */
export interface AccessGrantDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  staffUserId: string;
  reason: string;
  durationMinutes: number;
  breakGlass: boolean;
  status: StoredGrantStatus;
  requestedAt: Date;
  /** Who approved or denied it, and when (null for break-glass and while pending). */
  decidedBy: string | null;
  decidedAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
}

export const accessGrantSchema = new Schema<AccessGrantDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    staffUserId: { type: String, required: true },
    reason: { type: String, required: true },
    durationMinutes: { type: Number, required: true },
    breakGlass: { type: Boolean, required: true },
    status: { type: String, required: true, enum: [...STORED_GRANT_STATUSES] },
    requestedAt: { type: Date, required: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    startsAt: { type: Date, default: null },
    endsAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
    revokedAt: { type: Date, default: null },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'access_grants' },
);
accessGrantSchema.index({ workspaceId: 1, requestedAt: -1 });
accessGrantSchema.index({ staffUserId: 1, requestedAt: -1 });
// An erased ADMIN is removed from the grants they decided or revoked.
accessGrantSchema.index({ decidedBy: 1 }, { sparse: true });
accessGrantSchema.index({ revokedBy: 1 }, { sparse: true });

export const effectiveStatus = (grant: Pick<AccessGrantDoc, 'status' | 'endsAt'>, now = new Date()): AccessGrantStatus =>
  grant.status === 'ACTIVE' && grant.endsAt && grant.endsAt <= now ? 'EXPIRED' : grant.status;
