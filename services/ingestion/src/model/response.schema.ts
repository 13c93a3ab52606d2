import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import { Schema } from 'mongoose';

/** STAGED: written by a running import, not yet visible, counted or announced (see domain/imports.ts). */
export type PipelineState = 'FORWARDED' | 'HELD' | 'STAGED';

/** Why a response of a dataset resting on consent waits: its consentRef names no valid consent of its respondent. */
export type ConsentHold = 'CONSENT_UNKNOWN' | 'CONSENT_WITHDRAWN' | 'CONSENT_OUTDATED';
export const CONSENT_HOLDS: readonly ConsentHold[] = ['CONSENT_UNKNOWN', 'CONSENT_WITHDRAWN', 'CONSENT_OUTDATED'];

/** A raw response. Its response-received event lives in its outbox, so storing and announcing are one write. */
export interface ResponseDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  datasetId: string;
  respondentId: string;
  text: string;
  consentRef: string;
  submittedAt: Date;
  receivedAt: Date;
  /** The dataset's version after the batch that added this response; re-forwarded events repeat it. */
  datasetVersion: number;
  pipelineState: PipelineState;
  /** Set while HELD for want of consent (a restriction holds too, read from the respondent); cleared by a grant. */
  consentHold?: ConsentHold | null;
  /** The file import that wrote it, if any. */
  importId?: string | null;
  /** While STAGED: the state it takes when its import commits. */
  stagedAs?: 'FORWARDED' | 'HELD' | null;
}

export const responseSchema = new Schema<ResponseDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    respondentId: { type: String, required: true },
    text: { type: String, required: true },
    consentRef: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    datasetVersion: { type: Number, required: true },
    pipelineState: { type: String, enum: ['FORWARDED', 'HELD', 'STAGED'], required: true },
    importId: { type: String, default: null },
    stagedAs: { type: String, enum: ['FORWARDED', 'HELD', null], default: null },
    consentHold: { type: String, enum: [...CONSENT_HOLDS, null], default: null },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'responses' },
);
responseSchema.index({ datasetId: 1, submittedAt: -1 });
responseSchema.index({ respondentId: 1 });
responseSchema.index({ importId: 1, pipelineState: 1 });
// A consent-changed event finds the responses waiting for that consent.
responseSchema.index({ consentRef: 1, pipelineState: 1 });
