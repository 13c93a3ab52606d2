import { insertUnique } from '@verbatim/kit';
import type { Connection, Model } from 'mongoose';
import { pseudonymTableSchema, type PseudonymTableDoc } from './pseudonym-table.schema.js';

export type PseudonymTableRepository = ReturnType<typeof createPseudonymTableRepository>;
export type PseudonymTableContent = Omit<PseudonymTableDoc, '_id' | 'version'>;

export function createPseudonymTableRepository(conn: Connection) {
  const model = (conn.models['PseudonymTable'] ?? conn.model<PseudonymTableDoc>('PseudonymTable', pseudonymTableSchema)) as Model<PseudonymTableDoc>;
  return {
    model,
    findByDataset: (datasetId: string) => model.findById(datasetId).lean<PseudonymTableDoc>().exec(),
    findBySubject: (pseudonym: string) => model.find({ 'subjects.s': pseudonym }).lean<PseudonymTableDoc[]>().exec(),
    /**
     * Writes the whole table if nobody wrote it since `version` was read (null: it did not exist).
     * Returns false on a lost race: the caller reads again and redoes its work.
     */
    async saveIfUnchanged(datasetId: string, version: number | null, content: PseudonymTableContent): Promise<boolean> {
      if (version === null) return (await insertUnique(model, { _id: datasetId, ...content, version: 1 })) === 'inserted';
      const r = await model.updateOne({ _id: datasetId, version }, { $set: { ...content, version: version + 1 } });
      return r.matchedCount === 1;
    },
  };
}
