import type { Connection, Model } from 'mongoose';
import { interestSchema, type InterestDoc } from './interest.schema.js';

export type InterestRepository = ReturnType<typeof createInterestRepository>;

/** Every read and write names the owner with the id, so nobody reaches another user's interest. */
export function createInterestRepository(conn: Connection) {
  const interests = (conn.models['Interest'] ?? conn.model<InterestDoc>('Interest', interestSchema)) as Model<InterestDoc>;
  return {
    model: interests,
    insert: async (interest: InterestDoc) => {
      await interests.create(interest);
    },
    findOfUser: (userId: string) => interests.find({ userId }).sort({ createdAt: 1 }).lean<InterestDoc[]>().exec(),
    countOfUser: (userId: string) => interests.countDocuments({ userId }),
    findOwn: (userId: string, id: string) => interests.findOne({ _id: id, userId }).lean<InterestDoc>().exec(),
    sharedWith: (workspaceId: string) => interests.find({ sharedWith: workspaceId }).sort({ createdAt: 1 }).lean<InterestDoc[]>().exec(),
    /** Null when the user has no such interest. */
    updateOwn: (userId: string, id: string, set: Partial<Pick<InterestDoc, 'theme' | 'note'>>, at: Date) =>
      interests.findOneAndUpdate({ _id: id, userId }, { $set: { ...set, updatedAt: at } }, { new: true }).lean<InterestDoc>().exec(),
    share: (userId: string, id: string, workspaceId: string, shared: boolean, at: Date) =>
      interests
        .findOneAndUpdate({ _id: id, userId }, { ...(shared ? { $addToSet: { sharedWith: workspaceId } } : { $pull: { sharedWith: workspaceId } }), $set: { updatedAt: at } }, { new: true })
        .lean<InterestDoc>().exec(),
    deleteOwn: async (userId: string, id: string) => (await interests.deleteOne({ _id: id, userId })).deletedCount,
    deleteAllOf: async (userId: string) => (await interests.deleteMany({ userId })).deletedCount,
  };
}
