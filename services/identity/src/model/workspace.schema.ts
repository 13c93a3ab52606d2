import { Schema } from 'mongoose';
import type { WorkspaceRole } from '@verbatim/kit';

export interface MemberDoc {
  userId: string;
  role: WorkspaceRole;
}

/** Members are embedded so that creating a workspace with its first admin is a single write. */
export interface WorkspaceDoc {
  _id: string;
  name: string;
  createdAt: Date;
  members: MemberDoc[];
  /** Optimistic concurrency for member changes (read, modify, write if unchanged). */
  rev: number;
}

export const workspaceSchema = new Schema<WorkspaceDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    members: { type: [{ _id: false, userId: { type: String, required: true }, role: { type: String, required: true } }], default: [] },
    rev: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'workspaces' },
);
workspaceSchema.index({ 'members.userId': 1 });
