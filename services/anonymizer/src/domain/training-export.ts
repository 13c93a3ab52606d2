import { badInput, forbidden, requireUser, type RequestContext } from '@verbatim/kit';
import type { Connection } from 'mongoose';
import { createAnonymizedResponseRepository } from '../model/anonymized-response.repository.js';
import { createSubjectRepository } from '../model/subject.repository.js';
import type { AnonymizerDeps } from './deps.js';

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
    const example = trainable(doc, excluded);
    if (example === 'left-out') leftOut++;
    else if (example) {
      await write(example);
      exported++;
    }
  }
  return { exported, leftOut };
}

type StoredText = { text?: string | null; language: string; pseudonym: string };

/** One stored anonymization as a training example, or why not: unfinished (no text yet), or of an excluded subject. */
function trainable(doc: StoredText, excluded: ReadonlySet<string>): TrainingExample | 'left-out' | null {
  // Only finished anonymizations carry a text (a document can exist before its text is written).
  if (typeof doc.text !== 'string' || !doc.text) return null;
  if (excluded.has(doc.pseudonym)) return 'left-out';
  return { text: doc.text, language: doc.language };
}

export interface TrainingExportPage {
  examples: TrainingExample[];
  leftOut: number;
  /** Where the next page starts; null after the last one. */
  cursor: string | null;
}

const MAX_PAGE = 500;

/**
 * The same export through the graph, a page of stored anonymizations at a time, for platform staff who
 * prepare service improvement (PLATFORM_ADMIN or DPO); the audit plugin records the read.
 */
export async function trainingExportPage(deps: Pick<AnonymizerDeps, 'subjects' | 'anonymized'>, ctx: RequestContext, args: { first?: unknown; after?: unknown }): Promise<TrainingExportPage> {
  const principal = requireUser(ctx);
  if (!principal.platformRoles.some((r) => r === 'PLATFORM_ADMIN' || r === 'DPO')) throw forbidden('Only platform staff with the PLATFORM_ADMIN or DPO role may export training data.');
  const first = args.first ?? 100;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be a whole number from 1 to ${MAX_PAGE}.`);
  if (args.after !== undefined && args.after !== null && (typeof args.after !== 'string' || !args.after || args.after.length > 200)) throw badInput('after must be the cursor of the previous page.');
  const after = (args.after as string | null | undefined) ?? null;
  const excluded = await deps.subjects.excludedFromTraining();
  const docs = await deps.anonymized.model
    .find(after ? { _id: { $gt: after } } : {}, { text: 1, language: 1, pseudonym: 1 })
    .sort({ _id: 1 })
    .limit(first)
    .lean<Array<StoredText & { _id: string }>>();
  const page: TrainingExportPage = { examples: [], leftOut: 0, cursor: docs.length === first ? docs[docs.length - 1]!._id : null };
  for (const doc of docs) {
    const example = trainable(doc, excluded);
    if (example === 'left-out') page.leftOut++;
    else if (example) page.examples.push(example);
  }
  return page;
}
