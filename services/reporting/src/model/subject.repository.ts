import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { subjectSchema, type SubjectDoc } from './subject.schema.js';

/** Subjects are keyed per workspace, as every rights request and consent names its workspace. */
export const subjectKey = (workspaceId: string, respondentId: string) => `${workspaceId}:${respondentId}`;

export type SubjectFlag = 'restricted' | 'analysisWithdrawn' | 'aiProcessingWithdrawn';
export type SubjectRepository = ReturnType<typeof createSubjectRepository>;

/**
 * Erased subjects, known only by the SHA-256 of their key: enough to drop an anonymized response still
 * in flight when the erasure ran, without keeping anything that names the person.
 */
const erasureSchema = new Schema<{ _id: string; erasedAt: Date }>(
  { _id: { type: String, required: true }, erasedAt: { type: Date, required: true } },
  { versionKey: false, collection: 'erasures' },
);
const erasureId = (key: string) => createHash('sha256').update(key).digest('hex');

export function createSubjectRepository(conn: Connection) {
  const subjects = (conn.models['Subject'] ?? conn.model<SubjectDoc>('Subject', subjectSchema)) as Model<SubjectDoc>;
  const erasures = (conn.models['Erasure'] ?? conn.model('Erasure', erasureSchema)) as Model<{ _id: string; erasedAt: Date }>;
  return {
    model: subjects,
    /** Returns documents changed: 1 for a new tombstone, 0 when the subject was already erased. */
    async markErased(key: string): Promise<number> {
      const r = await erasures.updateOne({ _id: erasureId(key) }, { $setOnInsert: { erasedAt: new Date() } }, { upsert: true });
      return r.upsertedCount;
    },
    isErased: async (key: string) => (await erasures.exists({ _id: erasureId(key) })) !== null,
    /**
     * One field, one single-document upsert: no read-modify-write, so concurrent flags cannot clobber each
     * other. Returns documents changed.
     */
    async setFlag(key: string, flag: SubjectFlag, value: boolean): Promise<number> {
      const r = await subjects.updateOne({ _id: key }, { $set: { [flag]: value, updatedAt: new Date() } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
    /**
     * Adds (or, once an overriding ground is recorded, removes) objections; one single-document upsert.
     * Returns documents changed.
     */
    async setObjections(key: string, purposes: string[], objecting: boolean): Promise<number> {
      const change = objecting ? { $addToSet: { objections: { $each: purposes } } } : { $pull: { objections: { $in: purposes } } };
      const r = await subjects.updateOne({ _id: key }, { ...change, $set: { updatedAt: new Date() } }, { upsert: true });
      return r.modifiedCount + r.upsertedCount;
    },
    findById: (key: string) => subjects.findById(key).lean<SubjectDoc>(),
    findByIds: (keys: string[]) => subjects.find({ _id: { $in: keys } }).lean<SubjectDoc[]>(),
    /** The workspace's respondents left out of analysis (few: only those with a limitation have a document). */
    excludedOfWorkspace: (workspaceId: string) =>
      subjects
        .find({ _id: { $regex: `^${workspaceId.replace(/[^0-9a-f-]/gi, '')}:` }, $or: [{ restricted: true }, { analysisWithdrawn: true }, { objections: 'ANALYSIS' }] })
        .lean<SubjectDoc[]>(),
    async deleteById(key: string): Promise<number> {
      return (await subjects.deleteOne({ _id: key })).deletedCount;
    },
  };
}
