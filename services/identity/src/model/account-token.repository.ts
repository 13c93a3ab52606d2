import { Schema, type Connection, type Model } from 'mongoose';
import type { WorkspaceRole } from '@verbatim/kit';

/** What an emailed link is for. */
export type AccountTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD' | 'INVITATION';

/**
 * A single-use emailed link. The id is the SHA-256 of the secret in the link: the secret itself is
 * never stored, so a copy of the database cannot be used to reset passwords or accept invitations.
 */
export interface AccountTokenDoc {
  _id: string;
  purpose: AccountTokenPurpose;
  /** The user it was sent to (absent for an invitation to an address). */
  userId?: string;
  /** The address the link was sent to: the new address of an email change, the invitee's. */
  email?: string;
  workspaceId?: string;
  role?: WorkspaceRole;
  invitedBy?: string;
  createdAt: Date;
  expiresAt: Date;
  used: boolean;
}

const accountTokenSchema = new Schema<AccountTokenDoc>(
  {
    _id: { type: String, required: true },
    purpose: { type: String, required: true },
    userId: { type: String, index: true },
    email: { type: String },
    workspaceId: { type: String },
    role: { type: String },
    invitedBy: { type: String },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    used: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'account_tokens' },
);
// The maintenance sweep's filter.
accountTokenSchema.index({ expiresAt: 1 });

export type AccountTokenRepository = ReturnType<typeof createAccountTokenRepository>;

export function createAccountTokenRepository(conn: Connection) {
  const tokens = (conn.models['AccountToken'] ?? conn.model<AccountTokenDoc>('AccountToken', accountTokenSchema)) as Model<AccountTokenDoc>;
  return {
    model: tokens,
    insert: async (doc: AccountTokenDoc) => {
      await tokens.create(doc);
    },
    findById: (id: string) => tokens.findById(id).lean<AccountTokenDoc>(),
    /** Marks the link used if it is unused and unexpired; one caller wins, every other gets false. */
    async consume(id: string, purpose: AccountTokenPurpose, now: Date): Promise<boolean> {
      const r = await tokens.updateOne({ _id: id, purpose, used: false, expiresAt: { $gt: now } }, { $set: { used: true } });
      return r.modifiedCount === 1;
    },
    /** A new reset link makes the older ones of the same user useless. */
    retireOf: async (userId: string, purpose: AccountTokenPurpose) => {
      await tokens.updateMany({ userId, purpose, used: false }, { $set: { used: true } });
    },
    deleteAllOf: async (userId: string) => (await tokens.deleteMany({ userId })).deletedCount,
    deleteExpired: async (now: Date) => (await tokens.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
}
