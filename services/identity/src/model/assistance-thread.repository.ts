import type { Connection, Model } from 'mongoose';
import { assistanceThreadSchema, type AssistanceMessageDoc, type AssistanceStatus, type AssistanceThreadDoc } from './assistance-thread.schema.js';

export type AssistanceThreadRepository = ReturnType<typeof createAssistanceThreadRepository>;

/** Where the queue resumes: the last thread of the previous page. */
export interface QueueCursor {
  createdAt: Date;
  id: string;
}

export function createAssistanceThreadRepository(conn: Connection) {
  const threads = (conn.models['AssistanceThread'] ?? conn.model<AssistanceThreadDoc>('AssistanceThread', assistanceThreadSchema)) as Model<AssistanceThreadDoc>;
  return {
    model: threads,
    insert: async (thread: AssistanceThreadDoc) => {
      await threads.create(thread);
    },
    findById: (id: string) => threads.findById(id).lean<AssistanceThreadDoc>().exec(),
    findByUser: (userId: string) => threads.find({ userId }).sort({ createdAt: -1 }).lean<AssistanceThreadDoc[]>().exec(),
    /** Threads waiting for or answered by staff, oldest first, a restricted user's left out. */
    queue: (statuses: AssistanceStatus[], limit: number, after: QueueCursor | null) =>
      threads
        .find({
          status: { $in: statuses },
          restricted: false,
          ...(after ? { $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, _id: { $gt: after.id } }] } : {}),
        })
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit)
        .lean<AssistanceThreadDoc[]>().exec(),
    /**
     * Appends a message unless the thread is closed, restricted or full, and sets the status it leads to;
     * one conditional write, so two posts never lose each other. Null when the condition failed.
     */
    append: (id: string, message: AssistanceMessageDoc, status: AssistanceStatus, maxMessages: number) =>
      threads
        .findOneAndUpdate(
          { _id: id, status: { $ne: 'CLOSED' }, restricted: false, messageCount: { $lt: maxMessages } },
          { $push: { messages: message }, $inc: { messageCount: 1 }, $set: { status, lastMessageAt: message.at } },
          { new: true },
        )
        .lean<AssistanceThreadDoc>().exec(),
    close: (id: string, at: Date) =>
      threads.findOneAndUpdate({ _id: id, status: { $ne: 'CLOSED' } }, { $set: { status: 'CLOSED', closedAt: at } }, { new: true }).lean<AssistanceThreadDoc>().exec(),
    setRestrictedOf: async (userId: string, restricted: boolean) => (await threads.updateMany({ userId }, { $set: { restricted } })).modifiedCount,
    deleteAllOf: async (userId: string) => (await threads.deleteMany({ userId })).deletedCount,
  };
}
