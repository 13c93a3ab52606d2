import { declareWholeCollectionReads } from '../mongo/index-audit.js';
import { Schema, type Connection, type Model } from 'mongoose';

/** A service's own proof-signing key pair (Ed25519, JWK), kept in the service's own database. */
export interface ServiceKeyDoc {
  _id: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
  createdAt: Date;
}

const serviceKeySchema = new Schema<ServiceKeyDoc>(
  {
    _id: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'service_signing_keys' },
);
// One key per service, read whole at start. (No createdAt index: mongo-java-server 1.47 then fails the first insert after a sorted read.)
declareWholeCollectionReads(serviceKeySchema);

export type ServiceKeyRepository = ReturnType<typeof createServiceKeyRepository>;

export function createServiceKeyRepository(conn: Connection) {
  const keys = (conn.models['ServiceSigningKey'] ?? conn.model<ServiceKeyDoc>('ServiceSigningKey', serviceKeySchema)) as Model<ServiceKeyDoc>;
  return {
    /** Oldest first: every replica picks the same signing key, the first one stored. */
    all: () => keys.find().sort({ createdAt: 1, _id: 1 }).lean<ServiceKeyDoc[]>(),
    insert: async (key: ServiceKeyDoc) => {
      await keys.create(key);
    },
  };
}
