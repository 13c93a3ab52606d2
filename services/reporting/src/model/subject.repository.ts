import type { Connection, Model } from 'mongoose';
import { subjectSchema, type SubjectDoc } from './subject.schema.js';

export type SubjectFlag = 'restricted' | 'analysisWithdrawn' | 'aiProcessingWithdrawn';
export type SubjectRepository = ReturnType<typeof createSubjectRepository>;

export function createSubjectRepository(conn: Connection) {
  const subjects = (conn.models['Subject'] ?? conn.model<SubjectDoc>('Subject', subjectSchema)) as Model<SubjectDoc>;
  return {
    model: subjects,
    /** One field, one single-document upsert: no read-modify-write, so concurrent flags cannot clobber each other. */
    async setFlag(respondentId: string, flag: SubjectFlag, value: boolean): Promise<number> {
      const r = await subjects.updateOne({ _id: respondentId }, { $set: { [flag]: value, updatedAt: new Date() } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
    findById: (respondentId: string) => subjects.findById(respondentId).lean<SubjectDoc>(),
    findByIds: (respondentIds: string[]) => subjects.find({ _id: { $in: respondentIds } }).lean<SubjectDoc[]>(),
    async deleteById(respondentId: string): Promise<number> {
      return (await subjects.deleteOne({ _id: respondentId })).deletedCount;
    },
  };
}
