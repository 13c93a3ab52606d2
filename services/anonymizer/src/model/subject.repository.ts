import type { Connection, Model } from 'mongoose';
import { subjectSchema, type SubjectDoc } from './subject.schema.js';

export type SubjectRepository = ReturnType<typeof createSubjectRepository>;

export function createSubjectRepository(conn: Connection) {
  const subjects = (conn.models['Subject'] ?? conn.model<SubjectDoc>('Subject', subjectSchema)) as Model<SubjectDoc>;
  return {
    model: subjects,
    findById: (pseudonym: string) => subjects.findById(pseudonym).lean<SubjectDoc>().exec(),
    /** Upserts: a restriction may arrive before any response of the subject. Returns documents changed. */
    async restrict(pseudonym: string, at: Date): Promise<number> {
      const r = await subjects.updateOne({ _id: pseudonym }, { $set: { restricted: true, restrictedAt: at } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
    lift: async (pseudonym: string) => (await subjects.updateOne({ _id: pseudonym }, { $set: { restricted: false, restrictedAt: null } })).modifiedCount,
    /** Adds (or, after an overriding ground, removes) objections; upserts like a restriction. Returns documents changed. */
    async setObjections(pseudonym: string, purposes: string[], objecting: boolean): Promise<number> {
      const change = objecting ? { $addToSet: { objections: { $each: purposes } } } : { $pull: { objections: { $in: purposes } } };
      const r = await subjects.updateOne({ _id: pseudonym }, change, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
    /** Pseudonyms whose texts must not train anything: restricted, objecting to ML_IMPROVEMENT, or erased. */
    async excludedFromTraining(): Promise<Set<string>> {
      const docs = await subjects.find({ $or: [{ restricted: true }, { objections: 'ML_IMPROVEMENT' }, { erasedAt: { $ne: null } }] }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
      return new Set(docs.map((d) => d._id));
    },
    /** Upserts: the erasure may arrive before any response of the subject. Returns documents changed. */
    async markErased(pseudonym: string, at: Date): Promise<number> {
      const r = await subjects.updateOne({ _id: pseudonym }, { $set: { erasedAt: at, restricted: false, restrictedAt: null }, $unset: { objections: '' } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
  };
}
