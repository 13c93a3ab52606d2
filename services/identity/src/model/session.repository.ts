import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A sign-in: one refresh-token family. Only the SHA-256 of the current refresh secret is kept, and of
 * the last few used ones, so a replayed (already rotated) secret is recognised as reuse.
 */
export interface SessionDoc {
  _id: string;
  userId: string;
  tokenHash: string;
  usedHashes: string[];
  createdAt: Date;
  /** Absolute end: rotation does not extend it. */
  expiresAt: Date;
  revoked: boolean;
  revokedReason?: string;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    tokenHash: { type: String, required: true },
    usedHashes: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revoked: { type: Boolean, default: false },
    revokedReason: { type: String },
  },
  { versionKey: false, collection: 'sessions' },
);
// The maintenance sweep's filter.
sessionSchema.index({ expiresAt: 1 });

/** How many rotated secrets are remembered for reuse detection. */
const USED_KEPT = 20;

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(conn: Connection) {
  const sessions = (conn.models['Session'] ?? conn.model<SessionDoc>('Session', sessionSchema)) as Model<SessionDoc>;
  return {
    model: sessions,
    insert: async (session: SessionDoc) => {
      await sessions.create(session);
    },
    findById: (id: string) => sessions.findById(id).lean<SessionDoc>(),
    /** Replaces the current secret if it is still `oldHash` (one rotation wins a race); false otherwise. */
    async rotate(session: SessionDoc, newHash: string): Promise<boolean> {
      const usedHashes = [...session.usedHashes, session.tokenHash].slice(-USED_KEPT);
      const r = await sessions.updateOne({ _id: session._id, tokenHash: session.tokenHash, revoked: false }, { $set: { tokenHash: newHash, usedHashes } });
      return r.modifiedCount === 1;
    },
    revoke: async (id: string, reason: string) => (await sessions.updateOne({ _id: id, revoked: false }, { $set: { revoked: true, revokedReason: reason } })).modifiedCount,
    revokeAllOf: async (userId: string, reason: string) =>
      (await sessions.updateMany({ userId, revoked: false }, { $set: { revoked: true, revokedReason: reason } })).modifiedCount,
    deleteAllOf: async (userId: string) => (await sessions.deleteMany({ userId })).deletedCount,
    /** Sessions past their end are of no use; the embedded database has no TTL index, so they are swept. */
    deleteExpired: async (now: Date) => (await sessions.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
}
