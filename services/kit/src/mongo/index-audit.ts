import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection, MongooseDefaultQueryMiddleware, Query, Schema } from 'mongoose';

/**
 * The embedded database has no `explain` (services/kit/test/database-contract.int.spec.ts), so the
 * "no collection scan on a hot path" rule is checked from the other side: with QUERY_INDEX_AUDIT_DIR set
 * (the test stack sets it), every query a service runs through mongoose is compared with the indexes its
 * model declares, and a filter no index can serve is appended, once per shape (model, operation, field
 * names; never values), to <dir>/<service>.jsonl. `npm test` fails when the directory holds any.
 */
export interface UnindexedQuery {
  service: string;
  model: string;
  op: string;
  fields: string[];
}

const QUERY_OPS: MongooseDefaultQueryMiddleware[] = ['find', 'findOne', 'countDocuments', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'replaceOne', 'distinct'];
const LOGICAL = new Set(['$and', '$or', '$nor', '$comment', '$expr', '$where', '$text']);

type Filter = Record<string, unknown>;

/** The field names an index could use: top-level paths plus those under $and (an $or is checked per branch). */
function fieldsOf(filter: Filter): { fields: string[]; branches: Filter[][] } {
  const fields: string[] = [];
  const branches: Filter[][] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value as Filter[]) {
        const inner = fieldsOf(part);
        fields.push(...inner.fields);
        branches.push(...inner.branches);
      }
    } else if (key === '$or' && Array.isArray(value)) branches.push(value as Filter[]);
    else if (!LOGICAL.has(key)) fields.push(key);
  }
  return { fields, branches };
}

const readWholeByDesign = new WeakSet<Schema>();

/**
 * Declares that the collection is read whole on purpose (a key ring of a few documents, loaded at start): its
 * filterless reads are not reported. A filter on it is still checked. Say why at the call.
 */
export function declareWholeCollectionReads(schema: Schema): void {
  readWholeByDesign.add(schema);
}

/** The first field of every index the schema declares (an index serves a filter that names its prefix), plus _id. */
export function indexLeaders(schema: Schema): Set<string> {
  const leaders = new Set(['_id']);
  for (const [spec] of schema.indexes()) {
    const first = Object.keys(spec)[0];
    if (first) leaders.add(first);
  }
  return leaders;
}

/** Null when some declared index can serve the filter; otherwise the filter's field names, sorted. */
export function unservedFields(filter: Filter, leaders: Set<string>): string[] | null {
  const { fields, branches } = fieldsOf(filter);
  if (fields.some((f) => leaders.has(f))) return null;
  // Every branch of an $or must be served on its own (MongoDB then merges index scans).
  if (branches.length && branches.every((branch) => branch.every((b) => unservedFields({ ...b }, leaders) === null))) return null;
  return [...new Set([...fields, ...branches.flat().flatMap((b) => fieldsOf(b).fields)])].sort();
}

/** A filterless read sorted on an index's leading field walks that index in order (a paged export), no scan and sort. */
function walksAnIndex(sort: unknown, leaders: Set<string>): boolean {
  if (!sort || typeof sort !== 'object') return false;
  const first = Array.isArray(sort) ? (sort[0] as unknown[] | undefined)?.[0] : Object.keys(sort)[0];
  return typeof first === 'string' && leaders.has(first);
}

export function auditIndexUse(conn: Connection, service: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${service}.jsonl`);
  const seen = new Set<string>();
  conn.plugin((schema: Schema) => {
    const leaders = () => indexLeaders(schema);
    schema.pre(QUERY_OPS, { document: false, query: true }, function (this: Query<unknown, unknown>) {
      const served = leaders();
      const fields = unservedFields(this.getFilter() as Filter, served);
      if (!fields) return;
      if (!fields.length && (readWholeByDesign.has(schema) || walksAnIndex(this.getOptions().sort, served))) return;
      const entry: UnindexedQuery = { service, model: this.model.modelName, op: (this as unknown as { op?: string }).op ?? 'query', fields };
      const key = JSON.stringify(entry);
      if (seen.has(key)) return;
      seen.add(key);
      appendFileSync(file, `${key}\n`);
    });
  });
}
