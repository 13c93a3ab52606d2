import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The one-time code last mailed to an address for a workspace's public privacy page. The address is
 * kept only as a digest, the code only as a hash; a new code replaces the previous one.
 */
export interface RespondentCodeDoc {
  _id: string;
  workspaceId: string;
  /** SHA-256 of "respondent:<workspaceId>:<email>": finds the code again without storing the address. */
  emailDigest: string;
  /** The respondent the address named in the workspace when the code was asked for; null when it named none. */
  respondentId: string | null;
  /** SHA-256 of "<emailDigest>:<code>". */
  codeHash: string;
  /** Wrong codes tried; at the limit the code is dead. */
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  /** The epoch while unused (the embedded database has no `$not`, so the field is always there). */
  usedAt: Date;
}

const respondentCodeSchema = new Schema<RespondentCodeDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    emailDigest: { type: String, required: true },
    respondentId: { type: String, default: null },
    codeHash: { type: String, required: true },
    attempts: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'respondent_codes' },
);
// One live code per address and workspace (the digest names both).
respondentCodeSchema.index({ emailDigest: 1 }, { unique: true });
// Access and erasure of a respondent's codes.
respondentCodeSchema.index({ respondentId: 1 });
// The retention sweep's filter.
respondentCodeSchema.index({ expiresAt: 1 });

export const NOT_USED = new Date(0);

export type RespondentCodeRepository = ReturnType<typeof createRespondentCodeRepository>;

export function createRespondentCodeRepository(conn: Connection) {
  const codes = (conn.models['RespondentCode'] ?? conn.model<RespondentCodeDoc>('RespondentCode', respondentCodeSchema)) as Model<RespondentCodeDoc>;
  return {
    model: codes,
    /** Stores a new code for the address, replacing any earlier one (and its attempts). */
    async replace(doc: RespondentCodeDoc): Promise<void> {
      const { _id, emailDigest, ...fields } = doc;
      await codes.updateOne({ emailDigest }, { $set: fields, $setOnInsert: { _id } }, { upsert: true });
    },
    findByDigest: (emailDigest: string) => codes.findOne({ emailDigest }).lean<RespondentCodeDoc>(),
    /** Counts one wrong code atomically, only while the code can still be tried; the updated document, or null. */
    recordWrongCode: (emailDigest: string, maxAttempts: number) =>
      codes.findOneAndUpdate({ emailDigest, attempts: { $lt: maxAttempts }, usedAt: NOT_USED }, { $inc: { attempts: 1 } }, { returnDocument: 'after' }).lean<RespondentCodeDoc>(),
    /** Marks the code used if it is still the same, unused, unexpired and not worn out; one caller wins. */
    async consume(emailDigest: string, codeHash: string, maxAttempts: number, now: Date): Promise<boolean> {
      const r = await codes.updateOne({ emailDigest, codeHash, usedAt: NOT_USED, attempts: { $lt: maxAttempts }, expiresAt: { $gt: now } }, { $set: { usedAt: now } });
      return r.modifiedCount === 1;
    },
    findOfRespondent: (respondentId: string) => codes.find({ respondentId }).lean<RespondentCodeDoc[]>(),
    deleteOfRespondent: async (respondentId: string) => (await codes.deleteMany({ respondentId })).deletedCount,
  };
}
