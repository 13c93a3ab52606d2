import { anonymize, PseudonymTable, type AnonymizeResult, type KnownEntity, type PseudonymSnapshot } from '@verbatim/anonymizer-engine';
import type { PseudonymTableContent } from '../model/pseudonym-table.repository.js';
import type { PseudonymTableDoc, SubjectPlaceholder } from '../model/pseudonym-table.schema.js';
import type { AnonymizerDeps } from './deps.js';

// Concurrent responses of one dataset race on its table; each loser reads again. Beyond this many lost
// races in a row the handler fails and the message is redelivered.
const MAX_ATTEMPTS = 8;

function snapshotOf(doc: PseudonymTableDoc | null): PseudonymSnapshot {
  if (!doc) return { values: [], parts: [], counters: [] };
  return { values: doc.values.map((e) => [e.k, e.p]), parts: doc.parts.map((e) => [e.k, e.p]), counters: Object.entries(doc.counters ?? {}) };
}

function contentOf(workspaceId: string, snapshot: PseudonymSnapshot, subjects: SubjectPlaceholder[]): PseudonymTableContent {
  return {
    workspaceId,
    values: snapshot.values.map(([k, p]) => ({ k, p })),
    parts: snapshot.parts.map(([k, p]) => ({ k, p })),
    counters: Object.fromEntries(snapshot.counters),
    subjects,
  };
}

export interface DatasetText {
  workspaceId: string;
  datasetId: string;
  /** The respondent's keyed pseudonym: their known name's placeholder is linked to it, for erasure. */
  subject: string;
  text: string;
  knownEntities: KnownEntity[];
}

/**
 * Anonymizes one text with its dataset's pseudonym table, so that one person keeps one placeholder
 * across the dataset's responses: the respondent's own name takes its placeholder first (the known
 * respondent is always the same `<PERSON_n>`, mentioned or not), then the text is anonymized, then the
 * table is written back if it grew.
 */
export async function anonymizeInDataset(deps: AnonymizerDeps, input: DatasetText): Promise<AnonymizeResult> {
  const digest = deps.tableDigest(input.datasetId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await deps.pseudonymTables.findByDataset(input.datasetId);
    const before = snapshotOf(doc);
    const table = PseudonymTable.fromSnapshot(before, { digest });
    const subjects = [...(doc?.subjects ?? [])];
    for (const e of input.knownEntities) {
      if (e.type !== 'PERSON') continue;
      const p = table.placeholder('PERSON', e.value);
      if (!subjects.some((s) => s.s === input.subject && s.p === p)) subjects.push({ s: input.subject, p });
    }
    const result = anonymize(input.text, { knownEntities: input.knownEntities, pseudonyms: table });
    const after = table.snapshot();
    // The table only grows while anonymizing: equal sizes mean nothing to write.
    const grew = after.values.length !== before.values.length || after.parts.length !== before.parts.length || subjects.length !== (doc?.subjects.length ?? 0);
    if (!grew) return result;
    if (await deps.pseudonymTables.saveIfUnchanged(input.datasetId, doc?.version ?? null, contentOf(input.workspaceId, after, subjects))) return result;
  }
  throw new Error(`the pseudonym table of dataset ${input.datasetId} changed ${MAX_ATTEMPTS} times while anonymizing; retried on redelivery`);
}

/**
 * Erasure of a respondent: in every dataset table linked to them, the entries of their placeholders go
 * (names, name parts); the counters stay, so the placeholder is never given to anybody else. Returns
 * the number of tables changed.
 */
export async function eraseFromDatasetTables(deps: AnonymizerDeps, subject: string): Promise<number> {
  let changed = 0;
  for (const first of await deps.pseudonymTables.findBySubject(subject)) {
    let doc: PseudonymTableDoc | null = first;
    for (let attempt = 0; doc && attempt < MAX_ATTEMPTS; attempt++) {
      const gone = new Set(doc.subjects.filter((s) => s.s === subject).map((s) => s.p));
      if (gone.size === 0) break;
      const content: PseudonymTableContent = {
        workspaceId: doc.workspaceId,
        values: doc.values.filter((e) => !gone.has(e.p)),
        parts: doc.parts.filter((e) => !gone.has(e.p)),
        counters: doc.counters,
        subjects: doc.subjects.filter((s) => !gone.has(s.p)),
      };
      if (await deps.pseudonymTables.saveIfUnchanged(doc._id, doc.version, content)) {
        changed++;
        break;
      }
      doc = await deps.pseudonymTables.findByDataset(first._id);
    }
  }
  return changed;
}
