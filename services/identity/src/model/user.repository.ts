import type { Connection, Model } from 'mongoose';
import { insertUnique, isDuplicateKey, type PlatformRole } from '@verbatim/kit';
import { userSchema, type UserDoc } from './user.schema.js';

export type UserRepository = ReturnType<typeof createUserRepository>;

export function createUserRepository(conn: Connection) {
  const users = (conn.models['User'] ?? conn.model<UserDoc>('User', userSchema)) as Model<UserDoc>;
  return {
    model: users,
    /** 'duplicate' when the email is already registered (unique index). */
    insert: (user: UserDoc) => insertUnique(users, user),
    findById: (id: string) => users.findById(id).lean<UserDoc>(),
    findByEmail: (email: string) => users.findOne({ email }).lean<UserDoc>(),
    findByIds: (ids: string[]) => users.find({ _id: { $in: ids } }).lean<UserDoc[]>(),
    /** Adds (or, after an overriding ground, removes) objections. Returns documents changed. */
    setObjections: async (id: string, purposes: string[], objecting: boolean) =>
      (await users.updateOne({ _id: id }, objecting ? { $addToSet: { objections: { $each: purposes } } } : { $pull: { objections: { $in: purposes } } })).modifiedCount,
    setRestricted: async (id: string, restricted: boolean) => (await users.updateOne({ _id: id }, { $set: { restricted } })).modifiedCount,
    setPasswordHash: async (id: string, passwordHash: string) => (await users.updateOne({ _id: id }, { $set: { passwordHash } })).modifiedCount,
    markEmailVerified: async (id: string, email: string, at: Date) =>
      (await users.updateOne({ _id: id, email }, { $set: { emailVerifiedAt: at } })).modifiedCount,
    /** 'duplicate' when another account already uses the address (unique index). */
    async changeEmail(id: string, email: string, at: Date): Promise<'changed' | 'duplicate' | 'missing'> {
      try {
        return (await users.updateOne({ _id: id }, { $set: { email, emailVerifiedAt: at } })).matchedCount ? 'changed' : 'missing';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    },
    /** Grants or removes a platform staff role. Returns documents changed. */
    setPlatformRole: async (id: string, role: PlatformRole, held: boolean) =>
      (await users.updateOne({ _id: id }, held ? { $addToSet: { platformRoles: role } } : { $pull: { platformRoles: role } })).modifiedCount,
    /** Staff holding a role, e.g. every DPO to notify (index on platformRoles). */
    findByPlatformRole: (role: PlatformRole) => users.find({ platformRoles: role }).lean<UserDoc[]>(),
    /** Every account, a page at a time in _id order (a policy notice goes to all of them). */
    pageAfter: (lastId: string, limit: number) => users.find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(limit).lean<UserDoc[]>(),
    /** The privacy-policy version the user accepted (at registration) or acknowledged (at sign-in). */
    setPolicyAcceptance: async (id: string, version: number, at: Date) =>
      (await users.updateOne({ _id: id }, { $set: { policyAcceptance: { version, at } } })).modifiedCount,
    /** Rectification of the first name. */
    setFirstName: async (id: string, firstName: string) => (await users.updateOne({ _id: id }, { $set: { firstName } })).modifiedCount,
    deleteById: async (id: string) => (await users.deleteOne({ _id: id })).deletedCount,
  };
}
