import { Schema } from 'mongoose';

export const ASSISTANCE_STATUSES = ['OPEN', 'ANSWERED', 'CLOSED'] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];
export type AssistanceAuthor = 'USER' | 'SUPPORT';

/** One message; staff replies do not name the staff member (the audit log records who read and answered). */
export interface AssistanceMessageDoc {
  _id: string;
  from: AssistanceAuthor;
  body: string;
  at: Date;
}

/**
 * A user's Assistance thread with support staff. Messages are embedded: a thread is read, erased and swept
 * as one document, and a post is one conditional write (no transactions on the local database).
 */
export interface AssistanceThreadDoc {
  _id: string;
  userId: string;
  workspaceId: string | null;
  subject: string;
  status: AssistanceStatus;
  messages: AssistanceMessageDoc[];
  /** Kept beside the array so a post can be refused past the limit in the same conditional write. */
  messageCount: number;
  createdAt: Date;
  lastMessageAt: Date;
  closedAt: Date | null;
  /** The user's processing is restricted (Art. 18): kept, but out of the queue and not answered. */
  restricted: boolean;
}

const messageSchema = new Schema<AssistanceMessageDoc>(
  {
    _id: { type: String, required: true },
    from: { type: String, required: true, enum: ['USER', 'SUPPORT'] },
    body: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const assistanceThreadSchema = new Schema<AssistanceThreadDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    workspaceId: { type: String, default: null },
    subject: { type: String, required: true },
    status: { type: String, required: true, enum: ASSISTANCE_STATUSES },
    messages: { type: [messageSchema], default: [] },
    messageCount: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    lastMessageAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    restricted: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'assistance_threads' },
);
// The user's own threads, newest first; erasure and restriction by user.
assistanceThreadSchema.index({ userId: 1, createdAt: -1 });
// The support queue: by status, oldest first (the cursor is createdAt then _id).
assistanceThreadSchema.index({ status: 1, createdAt: 1, _id: 1 });
