import { Schema, type Connection, type Model } from 'mongoose';

export interface SigningKeyDoc {
  _id: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
  createdAt: Date;
}

const signingKeySchema = new Schema<SigningKeyDoc>(
  {
    _id: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'signing_keys' },
);

export type SigningKeyRepository = ReturnType<typeof createSigningKeyRepository>;

export function createSigningKeyRepository(conn: Connection) {
  const keys = (conn.models['SigningKey'] ?? conn.model<SigningKeyDoc>('SigningKey', signingKeySchema)) as Model<SigningKeyDoc>;
  return {
    newest: () => keys.findOne().sort({ createdAt: -1 }).lean<SigningKeyDoc>(),
    all: () => keys.find().sort({ createdAt: -1 }).lean<SigningKeyDoc[]>(),
    insert: async (key: SigningKeyDoc) => {
      await keys.create(key);
    },
  };
}
