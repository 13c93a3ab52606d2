import { Schema, type Connection, type Model } from 'mongoose';

/** A partner's API client of one workspace; only the SHA-256 of its (high-entropy) secret is kept. */
export interface ApiClientDoc {
  _id: string;
  workspaceId: string;
  name: string;
  scopes: string[];
  secretHash: string;
  createdBy: string;
  createdAt: Date;
  revoked: boolean;
}

const apiClientSchema = new Schema<ApiClientDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true, index: true },
    name: { type: String, required: true },
    scopes: { type: [String], default: [] },
    secretHash: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revoked: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'api_clients' },
);

export type ApiClientRepository = ReturnType<typeof createApiClientRepository>;

export function createApiClientRepository(conn: Connection) {
  const clients = (conn.models['ApiClient'] ?? conn.model<ApiClientDoc>('ApiClient', apiClientSchema)) as Model<ApiClientDoc>;
  return {
    model: clients,
    insert: async (doc: ApiClientDoc) => {
      await clients.create(doc);
    },
    findById: (id: string) => clients.findById(id).lean<ApiClientDoc>(),
    findByWorkspace: (workspaceId: string) => clients.find({ workspaceId }).sort({ createdAt: 1 }).lean<ApiClientDoc[]>(),
    revoke: async (id: string, workspaceId: string) => (await clients.updateOne({ _id: id, workspaceId, revoked: false }, { $set: { revoked: true } })).modifiedCount,
  };
}
