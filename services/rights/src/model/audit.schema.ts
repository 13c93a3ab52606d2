import { Schema } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';

export const AUDIT_ACTIONS = ['LEGAL_HOLD_PLACED', 'LEGAL_HOLD_LIFTED', 'DEADLINE_EXTENDED', 'REQUEST_REFUSED', 'FEE_CHARGED', 'REPETITIVE_REQUEST_ACCEPTED', 'TASK_RETRIED'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who did what to which request or hold, and when: ids, the authority's reference and the holder
 * retried only; never a justification or reason (free text may name people), which stays on the request.
 */
export interface AuditDoc {
  _id: string;
  action: AuditAction;
  actorId: string;
  at: Date;
  workspaceId: string | null;
  subjectType: SubjectType;
  /** Replaced by subjectDigest when the subject's erasure completes, like the request's own. */
  subjectId: string | null;
  subjectDigest?: string | null;
  requestId: string | null;
  holdId: string | null;
  reference: string | null;
  service: string | null;
}

export const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    action: { type: String, required: true, enum: [...AUDIT_ACTIONS] },
    actorId: { type: String, required: true },
    at: { type: Date, required: true },
    workspaceId: { type: String, default: null },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String, default: null },
    subjectDigest: { type: String, default: null },
    requestId: { type: String, default: null },
    holdId: { type: String, default: null },
    reference: { type: String, default: null },
    service: { type: String, default: null },
  },
  { versionKey: false, collection: 'rights_audit' },
);
auditSchema.index({ workspaceId: 1, at: -1 });
auditSchema.index({ subjectType: 1, subjectId: 1 });
