import { Schema } from 'mongoose';
import type { RightsAccessSection, SubjectType } from '@verbatim/contracts';

/** One holder's section of an access answer, stored as it arrives: one per request and holder. */
export interface AccessSectionDoc {
  /** "<requestId>:<service>", so a redelivered section replaces itself. */
  _id: string;
  requestId: string;
  service: string;
  subjectType: SubjectType;
  /** The subject, so an erasure of the person deletes their access answers too. */
  subjectId: string;
  collections: RightsAccessSection['collections'];
  exportedAt: Date;
  receivedAt: Date;
}

export const accessSectionSchema = new Schema<AccessSectionDoc>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true },
    service: { type: String, required: true },
    subjectType: { type: String, required: true, enum: ['RESPONDENT', 'USER'] },
    subjectId: { type: String, required: true },
    collections: { type: Schema.Types.Mixed, required: true },
    exportedAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'access_sections', minimize: false },
);
accessSectionSchema.index({ requestId: 1 });
accessSectionSchema.index({ subjectType: 1, subjectId: 1 });
