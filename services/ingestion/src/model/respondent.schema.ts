import { Schema } from 'mongoose';

/** A client's customer. Email and name are kept only to find and remove them from texts. */
export interface RespondentDoc {
  _id: string;
  workspaceId: string;
  externalId: string;
  email?: string | null;
  name?: string | null;
  restricted: boolean;
  createdAt: Date;
  /** The file import that created it: a failed import removes the respondents it created and left unused. */
  createdByImport?: string | null;
}

export const respondentSchema = new Schema<RespondentDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    externalId: { type: String, required: true },
    email: { type: String, default: null },
    name: { type: String, default: null },
    restricted: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    createdByImport: { type: String, default: null },
  },
  { versionKey: false, collection: 'respondents' },
);
// The client's id is unique per workspace only: two clients may use the same ids.
respondentSchema.index({ workspaceId: 1, externalId: 1 }, { unique: true });
respondentSchema.index({ createdByImport: 1 });
// A respondent's own session: identity asks which respondent a verified email names (http/respondent-lookup.route.ts).
respondentSchema.index({ workspaceId: 1, email: 1 });
