import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@verbatim/kit';
import type { RespondentDoc } from './respondent.schema.js';
import type { ResponseDoc } from './response.schema.js';

export type ImportStaging = ReturnType<typeof createImportStaging>;

const PAGE = 1_000;

/**
 * Bulk writes of a file import over the respondent and response collections. Without transactions, an
 * import is all or nothing because its rows stay STAGED (invisible, uncounted, no pending event) until
 * commit() flips them, and discard() removes every trace of a failed one.
 */
export function createImportStaging(models: { responses: Model<ResponseDoc>; respondents: Model<RespondentDoc> }) {
  const { responses, respondents } = models;

  return {
    /**
     * Finds or creates each respondent (the latest email/name given replace the stored ones): one query,
     * one bulk insert of the new ones, an update only where an identifier changed. (FerretDB stalls on
     * large bulkWrite upserts, so none are used.)
     */
    async upsertRespondents(workspaceId: string, importId: string, known: Map<string, { email: string | null; name: string | null }>): Promise<Map<string, RespondentDoc>> {
      const find = () => respondents.find({ workspaceId, externalId: { $in: [...known.keys()] } }).lean<RespondentDoc[]>().exec();
      const existing = await find();
      const found = new Map(existing.map((r) => [r.externalId, r]));
      const createdAt = new Date();
      const fresh: RespondentDoc[] = [...known]
        .filter(([externalId]) => !found.has(externalId))
        .map(([externalId, ids]) => ({ _id: randomUUID(), workspaceId, externalId, email: ids.email, name: ids.name, restricted: false, createdAt, createdByImport: importId }));
      if (fresh.length) {
        try {
          await respondents.insertMany(fresh, { ordered: false, lean: true });
        } catch (err) {
          // A concurrent writer created some of them first; theirs are read back below.
          if (!isDuplicateKey(err)) throw err;
        }
      }
      for (const r of existing) {
        const ids = known.get(r.externalId)!;
        const set: Record<string, string> = {};
        if (ids.email && ids.email !== r.email) set['email'] = ids.email;
        if (ids.name && ids.name !== r.name) set['name'] = ids.name;
        if (Object.keys(set).length) {
          await respondents.updateOne({ _id: r._id }, { $set: set });
          found.set(r.externalId, { ...r, ...set });
        }
      }
      if (!fresh.length) return found;
      return new Map((await find()).map((r) => [r.externalId, r]));
    },
    insertStaged: async (docs: ResponseDoc[]) => {
      await responses.insertMany(docs, { ordered: true, lean: true });
    },
    /**
     * Makes the import's rows visible with their final dataset version; the forwarded ones get their
     * event (already in their outbox) marked pending for the relay. Safe to repeat.
     */
    async commit(importId: string, datasetVersion: number): Promise<void> {
      await responses.updateMany(
        { importId, pipelineState: 'STAGED', stagedAs: 'FORWARDED' },
        { $set: { pipelineState: 'FORWARDED', stagedAs: null, datasetVersion, 'outbox.0.envelope.payload.datasetVersion': datasetVersion, outboxPending: true } },
      );
      await responses.updateMany({ importId, pipelineState: 'STAGED', stagedAs: 'HELD' }, { $set: { pipelineState: 'HELD', stagedAs: null, datasetVersion } });
    },
    countStaged: (importId: string) => responses.countDocuments({ importId, pipelineState: 'STAGED' }).exec(),
    /** Deletes the import's staged rows, then the respondents it created that nothing else refers to. */
    async discard(importId: string): Promise<{ responses: number; respondents: number }> {
      const deleted = (await responses.deleteMany({ importId, pipelineState: 'STAGED' })).deletedCount;
      let removed = 0;
      let after = '';
      for (;;) {
        const page = await respondents
          .find({ createdByImport: importId, _id: { $gt: after } }, { _id: 1 })
          .sort({ _id: 1 })
          .limit(PAGE)
          .lean<Array<{ _id: string }>>()
          .exec();
        if (!page.length) break;
        after = page[page.length - 1]!._id;
        const ids = page.map((r) => r._id);
        const used = new Set(await responses.distinct('respondentId', { respondentId: { $in: ids } }).exec());
        const unused = ids.filter((id) => !used.has(id));
        if (unused.length) removed += (await respondents.deleteMany({ _id: { $in: unused }, createdByImport: importId })).deletedCount;
      }
      return { responses: deleted, respondents: removed };
    },
  };
}
