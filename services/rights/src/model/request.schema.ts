import { Schema } from 'mongoose';
import { OBJECTION_PURPOSES, type ObjectionPurpose, type RightsKind, type RightsRequestOpened, type SubjectType } from '@verbatim/contracts';
import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import type { AcknowledgementDoc } from '../domain/acknowledgements.js';
import { TASK_STATUSES, type TaskDoc } from '../domain/tasks.js';

/**
 * IN_PROGRESS: sent to the holders. ON_HOLD: not sent (a legal hold on the subject, or a repetitive
 * request awaiting an authorised person's decision). OVERDUE: still in progress after its deadline.
 * REFUSED: refused as repetitive or unfounded, with a justification. NOT_FOUND: an erasure whose every
 * holder found nothing about the subject; no proof of erasure is issued.
 */
export const REQUEST_STATUSES = ['IN_PROGRESS', 'ON_HOLD', 'OVERDUE', 'REFUSED', 'COMPLETED', 'NOT_FOUND'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** The holders are working on it (or should be): acknowledgements count, the watchdog watches. */
export const RUNNING_STATUSES: readonly RequestStatus[] = ['IN_PROGRESS', 'OVERDUE'];

/** Why a request is ON_HOLD. */
export type HoldReason = 'LEGAL_HOLD' | 'REPETITIVE';
export type MailLocaleCode = 'fr' | 'en';

/** The one extension of the deadline (Art. 12(3)). */
export interface ExtensionDoc {
  months: number;
  reason: string;
  previousDueAt: Date;
  extendedAt: Date;
  extendedBy: string;
}

/** The flag of a repetitive request: `count` requests of the same kind and subject within `windowDays`, this one included. */
export interface RepetitionDoc {
  count: number;
  windowDays: number;
}

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
  /** Once COMPLETED: the certificate (JWS signed by rights holding every holder's receipt; see domain/certificate.ts). */
  certificate?: string | null;
  /** One per expected holder: where each stands (PENDING, DONE, FAILED). */
  tasks?: TaskDoc[];
  /** While ON_HOLD: why. */
  holdReason?: HoldReason | null;
  /** The legal hold keeping an erasure ON_HOLD. */
  legalHoldId?: string | null;
  extension?: ExtensionDoc | null;
  /** When the watchdog found the deadline missed. */
  overdueAt?: Date | null;
  repetition?: RepetitionDoc | null;
  refusal?: { justification: string; refusedAt: Date; refusedBy: string } | null;
  fee?: { amountCents: number; currency: string; reason: string; chargedAt: Date; chargedBy: string } | null;
  /** Where the subject is told about their request (extension, refusal, fee); removed when the request ends. */
  contactEmail?: string | null;
  contactLocale?: MailLocaleCode | null;
  /** RECTIFICATION: the corrected values, kept while the request runs so holders can be asked again; removed when it ends. */
  correction?: RightsRequestOpened['correction'] | null;
  /** OBJECTION: the purposes objected to (or, for an override, the one that continues). */
  objectionPurposes?: ObjectionPurpose[] | null;
  /** OBJECTION: set on the request that records an overriding legitimate ground (Art. 21(1)). */
  overridingGround?: OverridingGround | null;
  /** PORTABILITY: the other controller's HTTPS endpoint the archive is sent to; null for a download link. */
  destination?: string | null;
  /** Who opened it (absent on requests older than the field: see originOf). */
  origin?: RequestOrigin | null;
}

/**
 * Who opened a request: a workspace ADMIN for one of its respondents, a user about themself, or a respondent
 * about themself on the workspace's public privacy page (after proving control of their email).
 */
export const REQUEST_ORIGINS = ['WORKSPACE_ADMIN', 'USER', 'RESPONDENT'] as const;
export type RequestOrigin = (typeof REQUEST_ORIGINS)[number];

export const originOf = (r: Pick<RightsRequestDoc, 'origin' | 'subjectType'>): RequestOrigin => r.origin ?? (r.subjectType === 'USER' ? 'USER' : 'WORKSPACE_ADMIN');

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
    status: { type: String, required: true, enum: [...REQUEST_STATUSES] },
    expectedServices: { type: [String], required: true },
    acknowledgements: {
      type: [{ _id: false, service: String, outcome: String, counts: { type: [countSchema], default: [] }, executedAt: Date, receipt: String, receiptId: String }],
      default: [],
    },
    completedAt: { type: Date, default: null },
    durationMs: { type: Number, default: null },
    openKey: { type: String, required: true, unique: true },
    rev: { type: Number, default: 0 },
    statement: { type: String, default: null },
    erasureGround: { type: String, enum: [...ERASURE_GROUNDS, null], default: null },
    certificate: { type: String, default: null },
    tasks: {
      type: [
        {
          _id: false,
          service: String,
          status: { type: String, enum: [...TASK_STATUSES] },
          asks: Number,
          attempts: Number,
          lastError: { type: String, default: null },
          askedAt: Date,
          answeredAt: { type: Date, default: null },
          updatedAt: Date,
        },
      ],
      default: [],
    },
    holdReason: { type: String, enum: ['LEGAL_HOLD', 'REPETITIVE', null], default: null },
    legalHoldId: { type: String, default: null },
    extension: { type: { _id: false, months: Number, reason: String, previousDueAt: Date, extendedAt: Date, extendedBy: String }, default: null },
    overdueAt: { type: Date, default: null },
    repetition: { type: { _id: false, count: Number, windowDays: Number }, default: null },
    refusal: { type: { _id: false, justification: String, refusedAt: Date, refusedBy: String }, default: null },
    fee: { type: { _id: false, amountCents: Number, currency: String, reason: String, chargedAt: Date, chargedBy: String }, default: null },
    contactEmail: { type: String, default: null },
    contactLocale: { type: String, enum: ['fr', 'en', null], default: null },
    correction: { type: Schema.Types.Mixed, default: null },
    destination: { type: String, default: null },
    origin: { type: String, enum: [...REQUEST_ORIGINS, null], default: null },
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
rightsRequestSchema.index({ status: 1 });
rightsRequestSchema.index({ subjectType: 1, subjectId: 1, kind: 1, requestedAt: -1 });
// The DPO's queue of requests respondents made themselves.
rightsRequestSchema.index({ origin: 1, requestedAt: -1 });
// A respondent following their requests after an erasure removed their id from them.
rightsRequestSchema.index({ subjectDigest: 1 });
