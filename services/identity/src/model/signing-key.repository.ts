import { Schema, type Connection, type Model } from 'mongoose';
import { declareWholeCollectionReads } from '@verbatim/kit';

export interface SigningKeyDoc {
  _id: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
  createdAt: Date;
  /** Set when a newer key replaced this one: it stops being published (and verifying) then. */
  verifyUntil?: Date;
}

const signingKeySchema = new Schema<SigningKeyDoc>(
  {
    _id: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    verifyUntil: { type: Date },
  },
  { versionKey: false, collection: 'signing_keys' },
);
// A ring of a few keys, read whole (no createdAt index: mongo-java-server 1.47 then fails the first insert after a sorted read).
declareWholeCollectionReads(signingKeySchema);

export type SigningKeyRepository = ReturnType<typeof createSigningKeyRepository>;

export function createSigningKeyRepository(conn: Connection) {
  const keys = (conn.models['SigningKey'] ?? conn.model<SigningKeyDoc>('SigningKey', signingKeySchema)) as Model<SigningKeyDoc>;
  return {
    newest: () => keys.findOne().sort({ createdAt: -1 }).lean<SigningKeyDoc>(),
    /** Newest first. */
    all: () => keys.find().sort({ createdAt: -1 }).lean<SigningKeyDoc[]>(),
    insert: async (key: SigningKeyDoc) => {
      await keys.create(key);
    },
    /** Gives every key still without an end the end `at` (before a new key is added). */
    retireAll: async (at: Date) => {
      await keys.updateMany({ verifyUntil: { $exists: false } }, { $set: { verifyUntil: at } });
    },
    /** Keys past their end can sign and verify nothing. */
    deleteRetired: async (now: Date) => (await keys.deleteMany({ verifyUntil: { $lt: now } })).deletedCount,
  };
}
