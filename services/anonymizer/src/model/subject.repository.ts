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
    /** Upserts: the erasure may arrive before any response of the subject. Returns documents changed. */
    async markErased(pseudonym: string, at: Date): Promise<number> {
      const r = await subjects.updateOne({ _id: pseudonym }, { $set: { erasedAt: at, restricted: false, restrictedAt: null } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
  };
}
