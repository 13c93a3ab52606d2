import { Schema } from 'mongoose';

/** A theme a user follows, with an optional note; shared with the workspaces they choose (ids of theirs). */
export interface InterestDoc {
  _id: string;
  userId: string;
  theme: string;
  note: string | null;
  sharedWith: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const interestSchema = new Schema<InterestDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    theme: { type: String, required: true },
    note: { type: String, default: null },
    sharedWith: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'interests' },
);
// The user's own interests (list, erasure); what was shared with a workspace (its members' view).
interestSchema.index({ userId: 1, createdAt: 1 });
interestSchema.index({ sharedWith: 1 });
