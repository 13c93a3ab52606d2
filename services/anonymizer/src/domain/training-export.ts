import type { Connection } from 'mongoose';
import { createAnonymizedResponseRepository } from '../model/anonymized-response.repository.js';
import { createSubjectRepository } from '../model/subject.repository.js';

/** One training example: an anonymized text and its language, nothing that links it to a person or a dataset. */
export interface TrainingExample {
  text: string;
  language: string;
}

export interface TrainingExportSummary {
  exported: number;
  /** Texts of restricted, objecting (ML_IMPROVEMENT) or erased subjects that were left out. */
  leftOut: number;
}

/**
 * The training-data export for service improvement (purpose ML_IMPROVEMENT): every anonymized text,
 * less those of subjects who are restricted (Art. 18) or object to ML_IMPROVEMENT (Art. 21) without an
 * overriding ground. Streamed with a cursor; the excluded pseudonyms are few and read once first.
 */
export async function exportTrainingData(conn: Connection, write: (example: TrainingExample) => void | Promise<void>): Promise<TrainingExportSummary> {
  const excluded = await createSubjectRepository(conn).excludedFromTraining();
  const { model } = createAnonymizedResponseRepository(conn);
  let exported = 0;
  let leftOut = 0;
  for await (const doc of model.find({}, { text: 1, language: 1, pseudonym: 1 }).sort({ _id: 1 }).lean().cursor()) {
    // Only finished anonymizations carry a text (a document can exist before its text is written).
    if (typeof doc.text !== 'string' || !doc.text) continue;
    if (excluded.has(doc.pseudonym)) {
      leftOut++;
      continue;
    }
    await write({ text: doc.text, language: doc.language });
    exported++;
  }
  return { exported, leftOut };
}
