import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

/** The secret of the keyed digests that name data subjects in receipts; one per consent database. */
interface DigestKeyDoc {
  _id: string;
  key: string;
  createdAt: Date;
}

const digestKeySchema = new Schema<DigestKeyDoc>(
  { _id: { type: String, required: true }, key: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false, collection: 'digest_keys' },
);

const KEY_ID = 'receipt-subject';

/** Loads the key, creating it on first start; two replicas racing both end up with the stored one. */
export async function loadDigestKey(conn: Connection): Promise<Buffer> {
  const keys = (conn.models['DigestKey'] ?? conn.model<DigestKeyDoc>('DigestKey', digestKeySchema)) as Model<DigestKeyDoc>;
  // One atomic upsert that answers the stored document (a separate read after it was once seen to miss under load).
  const doc = await keys
    .findOneAndUpdate({ _id: KEY_ID }, { $setOnInsert: { key: randomBytes(32).toString('hex'), createdAt: new Date() } }, { upsert: true, new: true })
    .lean<DigestKeyDoc>();
  if (!doc) throw new Error('the receipt digest key could not be created');
  return Buffer.from(doc.key, 'hex');
}
