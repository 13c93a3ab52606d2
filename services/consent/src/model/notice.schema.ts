import { Schema } from 'mongoose';
import { CONSENT_PURPOSES, type ConsentPurpose } from './consent.schema.js';

/**
 * A version of a workspace's consent notice. Versions count up from 1 per workspace; `purposes` are the
 * purposes whose terms this version changes: consents of those purposes given under an older version
 * become OUTDATED. `appliedAt` stays null until that marking finished (it is resumed at start otherwise).
 */
export interface ConsentNoticeDoc {
  _id: string;
  workspaceId: string;
  version: number;
  purposes: ConsentPurpose[];
  text: string;
  textSha256: string;
  publishedBy: string | null;
  publishedAt: Date;
  appliedAt: Date | null;
  outdatedCount: number;
}

export const consentNoticeSchema = new Schema<ConsentNoticeDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    version: { type: Number, required: true },
    purposes: { type: [{ type: String, enum: CONSENT_PURPOSES }], required: true },
    text: { type: String, required: true },
    textSha256: { type: String, required: true },
    publishedBy: { type: String, default: null },
    publishedAt: { type: Date, required: true },
    appliedAt: { type: Date, default: null },
    outdatedCount: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'consent_notices' },
);
// Two publications racing for the same version: one wins, the other takes the next.
consentNoticeSchema.index({ workspaceId: 1, version: -1 }, { unique: true });
consentNoticeSchema.index({ appliedAt: 1 });
