import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '@verbatim/kit';
import { respondentSchema, type RespondentDoc } from './respondent.schema.js';

export type RespondentRepository = ReturnType<typeof createRespondentRepository>;

export interface KnownIdentifiers {
  email?: string | null | undefined;
  name?: string | null | undefined;
}

export function createRespondentRepository(conn: Connection) {
  const respondents = (conn.models['Respondent'] ?? conn.model<RespondentDoc>('Respondent', respondentSchema)) as Model<RespondentDoc>;

  async function upsertOnce(workspaceId: string, externalId: string, known: KnownIdentifiers) {
    const set: Record<string, string> = {};
    if (known.email) set['email'] = known.email;
    if (known.name) set['name'] = known.name;
    return respondents
      .findOneAndUpdate(
        { workspaceId, externalId },
        { $setOnInsert: { _id: randomUUID(), restricted: false, createdAt: new Date() }, ...(Object.keys(set).length ? { $set: set } : {}) },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<RespondentDoc>().exec();
  }

  return {
    model: respondents,
    /** Finds or creates the respondent; the latest email/name given replace the stored ones. */
    async upsert(workspaceId: string, externalId: string, known: KnownIdentifiers): Promise<RespondentDoc> {
      try {
        return (await upsertOnce(workspaceId, externalId, known))!;
      } catch (err) {
        // Two concurrent upserts of a new respondent: one wins the unique index, the other retries as an update.
        if (!isDuplicateKey(err)) throw err;
        return (await upsertOnce(workspaceId, externalId, known))!;
      }
    },
    findById: (id: string) => respondents.findById(id).lean<RespondentDoc>().exec(),
    findByIds: (ids: string[]) => respondents.find({ _id: { $in: ids } }).lean<RespondentDoc[]>().exec(),
    /** The oldest respondent with this (lowercase) email in the workspace: a client may have given it to several. */
    findOldestByEmail: async (workspaceId: string, email: string) =>
      (await respondents.find({ workspaceId, email }).lean<RespondentDoc[]>().exec()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null,
    findByExternalId: (workspaceId: string, externalId: string) => respondents.findOne({ workspaceId, externalId }).lean<RespondentDoc>().exec(),
    setRestricted: async (id: string, restricted: boolean) => (await respondents.updateOne({ _id: id }, { $set: { restricted } })).modifiedCount,
    /** Rectification: the corrected identifiers replace the stored ones. */
    correct: async (id: string, fields: Partial<Pick<RespondentDoc, 'name' | 'email' | 'externalId'>>) => (await respondents.updateOne({ _id: id }, { $set: fields })).modifiedCount,
    deleteById: async (id: string) => (await respondents.deleteOne({ _id: id })).deletedCount,
  };
}
