import { ACCESS_REVOKED, type AccessRevoked } from '@verbatim/contracts';
import { outboxOnCreate, outboxSchemaFields, type EventBus, type OutboxFields } from '@verbatim/kit';
import { Schema, type Connection, type Model } from 'mongoose';

/** One revocation and, in the same document, its identity.access-revoked.v1 event (outbox). */
export interface RevocationDoc extends OutboxFields {
  _id: string;
  payload: AccessRevoked;
  createdAt: Date;
}

const revocationSchema = new Schema<RevocationDoc>(
  {
    _id: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'revocations' },
);

export type RevocationRepository = ReturnType<typeof createRevocationRepository>;

export function createRevocationRepository(conn: Connection, bus: EventBus) {
  const revocations = (conn.models['Revocation'] ?? conn.model<RevocationDoc>('Revocation', revocationSchema)) as Model<RevocationDoc>;
  return {
    model: revocations,
    /** Stores the revocation with its event; returns the document id for the relay. */
    async insert(subjectId: string, payload: AccessRevoked): Promise<string> {
      const envelope = bus.envelope(ACCESS_REVOKED, subjectId, payload);
      await revocations.create({ _id: envelope.id, payload, createdAt: new Date(), ...outboxOnCreate([{ topic: ACCESS_REVOKED, key: subjectId, envelope }]) });
      return envelope.id;
    },
    /** Past `until` a revocation changes nothing (every affected token has expired). */
    deleteExpired: async (now: Date) => (await revocations.deleteMany({ 'payload.until': { $lt: now.toISOString() }, outboxPending: false })).deletedCount,
  };
}
