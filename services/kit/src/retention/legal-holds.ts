import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The subjects under a legal hold, as rights announced them (rights.legal-hold-changed.v1), kept in each
 * service's own database (`retention_holds`): a retention sweep keeps every document of a held subject.
 */
interface LegalHoldDoc {
  /** `<subjectType>:<subjectId>` */
  _id: string;
  holdIds: string[];
}

const legalHoldSchema = new Schema<LegalHoldDoc>({ _id: { type: String, required: true }, holdIds: { type: [String], required: true } }, { versionKey: false, collection: 'retention_holds' });

export interface LegalHolds {
  /** Records that hold `holdId` is placed (held) or lifted on a subject; idempotent. */
  apply(change: { holdId: string; subjectType: string; subjectId: string; held: boolean }): Promise<void>;
  /** Which of these subject ids are held. */
  heldAmong(subjectIds: readonly string[]): Promise<Set<string>>;
}

export function createLegalHolds(conn: Connection): LegalHolds {
  const holds = (conn.models['RetentionHold'] ?? conn.model<LegalHoldDoc>('RetentionHold', legalHoldSchema)) as Model<LegalHoldDoc>;
  return {
    async apply({ holdId, subjectType, subjectId, held }) {
      const _id = `${subjectType}:${subjectId}`;
      if (held) await holds.updateOne({ _id }, { $addToSet: { holdIds: holdId } }, { upsert: true });
      else {
        await holds.updateOne({ _id }, { $pull: { holdIds: holdId } });
        await holds.deleteOne({ _id, holdIds: { $size: 0 } });
      }
    },
    async heldAmong(subjectIds) {
      if (!subjectIds.length) return new Set();
      // Subject ids are uuids: the type prefix only keeps a USER and a RESPONDENT with one id apart in the store.
      const ids = subjectIds.flatMap((id) => [`USER:${id}`, `RESPONDENT:${id}`]);
      const found = await holds.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>();
      return new Set(found.map((h) => h._id.slice(h._id.indexOf(':') + 1)));
    },
  };
}
