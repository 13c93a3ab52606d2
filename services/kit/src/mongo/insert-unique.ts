import type { Model } from 'mongoose';

/** MongoDB's (and FerretDB's) error code for a write that would break a unique index. */
const DUPLICATE_KEY = 11000;

/** True when a write failed only because a unique index already holds the key. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
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
