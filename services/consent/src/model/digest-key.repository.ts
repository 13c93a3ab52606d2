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
  await keys.updateOne({ _id: KEY_ID }, { $setOnInsert: { key: randomBytes(32).toString('hex'), createdAt: new Date() } }, { upsert: true });
  const doc = await keys.findById(KEY_ID).lean<DigestKeyDoc>();
  return Buffer.from(doc!.key, 'hex');
}
