import { Schema } from 'mongoose';
import { OBJECTION_PURPOSES, type ObjectionPurpose, type RightsKind, type SubjectType } from '@verbatim/contracts';
import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import type { AcknowledgementDoc } from '../domain/acknowledgements.js';

/** NOT_FOUND: an erasure whose every holder found nothing about the subject; no proof of erasure is issued. */
export type RequestStatus = 'IN_PROGRESS' | 'COMPLETED' | 'NOT_FOUND';

/** Art. 17(1)(a)-(f): why the data must be erased. */
export const ERASURE_GROUNDS = ['NO_LONGER_NECESSARY', 'CONSENT_WITHDRAWN', 'OBJECTION', 'UNLAWFUL_PROCESSING', 'LEGAL_OBLIGATION', 'CHILD_INFORMATION_SOCIETY'] as const;
export type ErasureGround = (typeof ERASURE_GROUNDS)[number];

/** Recorded by an authorised person: the compelling legitimate ground that lets processing continue. */
export interface OverridingGround {
  objectionRequestId: string;
  purpose: ObjectionPurpose;
  justification: string;
  /** The authorised person (a workspace ADMIN); not shown in the subject's access answer (another person). */
  decidedBy: string;
  decidedAt: Date;
}

/** A data-subject request and the proof gathered from every holder; kept as the controller's evidence. */
export interface RightsRequestDoc extends OutboxFields {
  _id: string;
  kind: RightsKind;
  subjectType: SubjectType;
  /** Removed when an erasure completes; subjectDigest then stands in for it. */
  subjectId?: string | null;
  subjectDigest: string | null;
  workspaceId: string | null;
  /** The user who asked; removed with the subject id when a user erased themself (it is the same person). */
  requestedBy: string | null;
  requestedAt: Date;
  dueAt: Date;
  status: RequestStatus;
  expectedServices: string[];
  acknowledgements: AcknowledgementDoc[];
  completedAt: Date | null;
  durationMs: number | null;
  /**
   * "<kind>:<subjectType>:<subjectId>" while in progress, "done:<id>" after: a unique index on it lets
   * the database refuse a second identical open request, with no race between check and insert.
   */
  openKey: string;
  /** Optimistic concurrency for acknowledgements (FerretDB: no transactions, no $elemMatch updates). */
  rev: number;
  /** RECTIFICATION: the person's supplementary statement (Art. 16), shown in their later access answers. */
  statement?: string | null;
  /** ERASURE: its Art. 17(1) ground. */
  erasureGround?: ErasureGround | null;
  /** OBJECTION: the purposes objected to (or, for an override, the one that continues). */
  objectionPurposes?: ObjectionPurpose[] | null;
  /** OBJECTION: set on the request that records an overriding legitimate ground (Art. 21(1)). */
  overridingGround?: OverridingGround | null;
  /** PORTABILITY: the other controller's HTTPS endpoint the archive is sent to; null for a download link. */
  destination?: string | null;
}

const countSchema = new Schema({ collection: String, action: String, count: Number }, { _id: false, suppressReservedKeysWarning: true });

export const rightsRequestSchema = new Schema<RightsRequestDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ['ERASURE', 'RESTRICTION', 'LIFT_RESTRICTION', 'ACCESS', 'RECTIFICATION', 'PORTABILITY', 'OBJECTION'] },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String },
    subjectDigest: { type: String, default: null },
    workspaceId: { type: String, default: null },
    requestedBy: { type: String, default: null },
    requestedAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: ['IN_PROGRESS', 'COMPLETED', 'NOT_FOUND'] },
    expectedServices: { type: [String], required: true },
    acknowledgements: {
      type: [{ _id: false, service: String, outcome: String, counts: { type: [countSchema], default: [] }, executedAt: Date }],
      default: [],
    },
    completedAt: { type: Date, default: null },
    durationMs: { type: Number, default: null },
    openKey: { type: String, required: true, unique: true },
    rev: { type: Number, default: 0 },
    statement: { type: String, default: null },
    erasureGround: { type: String, enum: [...ERASURE_GROUNDS, null], default: null },
    destination: { type: String, default: null },
    objectionPurposes: { type: [{ type: String, enum: OBJECTION_PURPOSES }], default: undefined },
    overridingGround: {
      type: new Schema({ objectionRequestId: String, purpose: String, justification: String, decidedBy: String, decidedAt: Date }, { _id: false }),
      default: null,
    },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'requests', suppressReservedKeysWarning: true },
);
rightsRequestSchema.index({ requestedBy: 1, requestedAt: -1 });
rightsRequestSchema.index({ workspaceId: 1, requestedAt: -1 });
