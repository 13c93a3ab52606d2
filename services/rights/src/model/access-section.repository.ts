import type { Connection, Model } from 'mongoose';
import type { SubjectType } from '@verbatim/contracts';
import { accessSectionSchema, type AccessSectionDoc } from './access-section.schema.js';

export type AccessSectionRepository = ReturnType<typeof createAccessSectionRepository>;

export function createAccessSectionRepository(conn: Connection) {
  const sections = (conn.models['AccessSection'] ?? conn.model<AccessSectionDoc>('AccessSection', accessSectionSchema)) as Model<AccessSectionDoc>;
  return {
    model: sections,
    /** Idempotent: a redelivered section replaces the stored one (the holder's latest export). */
    async put(doc: AccessSectionDoc): Promise<void> {
      const { _id, ...fields } = doc;
      await sections.replaceOne({ _id }, fields, { upsert: true });
    },
    findByRequest: (requestId: string) => sections.find({ requestId }).sort({ service: 1 }).lean<AccessSectionDoc[]>(),
    deleteBySubject: async (subjectType: SubjectType, subjectId: string) => (await sections.deleteMany({ subjectType, subjectId })).deletedCount,
  };
}
