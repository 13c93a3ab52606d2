import type { Model } from 'mongoose';

/** MongoDB's (and FerretDB's) error code for a write that would break a unique index. */
const DUPLICATE_KEY = 11000;

type WriteError = { code?: unknown; err?: { code?: unknown } };

/**
 * True when a write failed only because a unique index already holds the key: one write, or an
 * unordered bulk write whose every failed document is a duplicate (the others were written).
 */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const writeErrors = (err as { writeErrors?: WriteError[] }).writeErrors;
  if (writeErrors?.length) return writeErrors.every((w) => (w.code ?? w.err?.code) === DUPLICATE_KEY);
  return (err as { code?: unknown }).code === DUPLICATE_KEY;
}

export type InsertOutcome = 'inserted' | 'duplicate';

/**
 * Inserts one document; 'duplicate' when a unique index already holds its key (the caller decides:
 * read the existing one, or report a conflict). Any other failure is thrown.
 */
export async function insertUnique<T>(model: Model<T>, doc: T): Promise<InsertOutcome> {
  try {
    await model.create(doc);
    return 'inserted';
  } catch (err) {
    if (isDuplicateKey(err)) return 'duplicate';
    throw err;
  }
}
