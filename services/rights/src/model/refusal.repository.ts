import { Schema, type Connection, type Model } from 'mongoose';

/** Why an acknowledgement was refused; none of them names a person. */
export type RefusalReason =
  | 'SOURCE_NOT_HOLDER'
  | 'BAD_SIGNATURE'
  | 'OTHER_REQUEST'
  | 'OTHER_SUBJECT'
  | 'PAYLOAD_MISMATCH'
  | 'REPLAYED';

/**
 * An acknowledgement rights refused (forged, replayed, wrongly signed, or sent by another service than
 * the holder it names): kept as evidence beside the request, which it did not change. Ids and service
 * names only, never personal data.
 */
export interface RefusalDoc {
  /** The refused event's id: a redelivery records it once. */
  _id: string;
  requestId: string;
  /** The envelope's source: who produced it. */
  source: string;
  /** The holder the acknowledgement claimed to come from. */
  service: string;
  reason: RefusalReason;
  /** The verifier's error code for BAD_SIGNATURE (e.g. ERR_JWS_SIGNATURE_VERIFICATION_FAILED). */
  detail: string | null;
  refusedAt: Date;
}

const refusalSchema = new Schema<RefusalDoc>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true, index: true },
    source: { type: String, required: true },
    service: { type: String, required: true },
    reason: { type: String, required: true },
    detail: { type: String, default: null },
    refusedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'refused_acknowledgements' },
);

export type RefusalRepository = ReturnType<typeof createRefusalRepository>;

export function createRefusalRepository(conn: Connection) {
  const refusals = (conn.models['RefusedAcknowledgement'] ?? conn.model<RefusalDoc>('RefusedAcknowledgement', refusalSchema)) as Model<RefusalDoc>;
  return {
    model: refusals,
    record: async (doc: RefusalDoc) => {
      await refusals.updateOne({ _id: doc._id }, { $setOnInsert: doc }, { upsert: true });
    },
    ofRequest: (requestId: string) => refusals.find({ requestId }).sort({ refusedAt: 1 }).lean<RefusalDoc[]>(),
  };
}
