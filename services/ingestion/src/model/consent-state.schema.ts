import type { ConsentChanged } from '@verbatim/contracts';
import { Schema } from 'mongoose';

/**
 * The latest state of one consent, as consent announced it (consent.consent-changed.v1): what lets
 * ingestion check a response's consentRef without asking consent. Ids and a status only.
 */
export interface ConsentStateDoc {
  _id: string;
  workspaceId: string;
  subjectType: ConsentChanged['subjectType'];
  subjectId: string;
  purpose: ConsentChanged['purpose'];
  status: ConsentChanged['status'];
  /** The event's occurredAt: an older event delivered late never overwrites a newer state. */
  changedAt: Date;
}

export const consentStateSchema = new Schema<ConsentStateDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    purpose: { type: String, required: true },
    status: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'consent_states' },
);
// Erasure of a respondent removes the states naming them.
consentStateSchema.index({ subjectId: 1 });
