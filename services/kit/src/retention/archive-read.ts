import type { Connection, mongo } from 'mongoose';
import { z } from 'zod';
import { noteAuditedRead } from '../audit/audit-plugin.js';
import { requirePlatformRole, type RequestContext } from '../auth/principal.js';
import { badInput } from '../errors.js';
import { parseInput } from '../validation.js';
import { after, parseDuration } from './duration.js';
import { archiveOf } from './retention-service.js';
import type { RetentionRule } from './rules.js';

/** A document of the intermediate archive as the DPO reads it: where it came from, when it goes, and the document itself. */
export interface ArchivedRecordView {
  id: string;
  collection: string;
  rule: string;
  archivedAt: string;
  deleteAfter: string;
  subjectId: string | null;
  workspaceId: string | null;
  document: string;
}

const readShape = z
  .object({
    collection: z.string().regex(/^[a-z_]+$/),
    /** Why the DPO opens the archive (an authority's request, a dispute, a claim): recorded in the audit log. */
    reason: z.string().trim().min(20, 'say why the archive is opened (20 characters at least)').max(2000),
    subjectId: z.string().min(1).max(100).optional().nullable(),
    workspaceId: z.string().min(1).max(100).optional().nullable(),
    first: z.number().int().min(1).max(200).default(50),
    after: z.string().min(1).max(200).optional().nullable(),
  })
  .strict();

export type ArchiveReadArgs = z.input<typeof readShape>;

export type ArchiveReader = (ctx: RequestContext, args: unknown) => Promise<ArchivedRecordView[]>;

type Doc = Record<string, unknown>;

function valueAt(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Doc)[key] : undefined), doc);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The indexes an archive read and the archive purge use, per archived collection: built at start, like the live ones. */
export async function ensureArchiveIndexes(conn: Connection, rules: readonly RetentionRule[]): Promise<void> {
  const archive = archiveOf(conn).db!;
  for (const rule of rules.filter((r) => r.action === 'ARCHIVE')) {
    const collection = archive.collection(rule.collection);
    await collection.createIndex({ '_archive.rule': 1, '_archive.archivedAt': 1 });
    if (rule.subjectField) await collection.createIndex({ [rule.subjectField]: 1 });
  }
}

/**
 * The DPO's read of a service's intermediate archive (its ARCHIVE rules' collections, in `<db>_archive`):
 * only the DPO platform role, only with a stated reason, in _id order a page at a time; the read is noted for
 * the audit plugin, which writes the entry (who, which subjects, the reason; never the documents) before the
 * answer leaves, or withholds the answer.
 */
export function createArchiveReader(options: { conn: Connection; rules: readonly RetentionRule[]; field: string }): ArchiveReader {
  const archive = archiveOf(options.conn);
  const archived = options.rules.filter((r) => r.action === 'ARCHIVE');

  return async function readArchive(ctx: RequestContext, raw: unknown): Promise<ArchivedRecordView[]> {
    requirePlatformRole(ctx, 'DPO');
    const args = parseInput(readShape, raw);
    const rules = archived.filter((r) => r.collection === args.collection);
    if (!rules.length) {
      throw badInput(`The archive holds no collection "${args.collection}"; it holds: ${[...new Set(archived.map((r) => r.collection))].join(', ') || 'nothing'}.`, { collections: archived.map((r) => r.collection) });
    }
    const subjectFields = [...new Set(rules.map((r) => r.subjectField))];
    if (args.subjectId && subjectFields.some((f) => f === undefined)) {
      throw badInput(`The archived ${args.collection} do not name a person: read them by workspace or whole.`);
    }
    const filter: Doc = { '_archive.rule': { $in: rules.map((r) => r.name) } };
    if (args.subjectId) filter['$or'] = subjectFields.map((f) => ({ [f!]: args.subjectId }));
    if (args.workspaceId) filter['workspaceId'] = args.workspaceId;
    if (args.after) filter['_id'] = { $gt: args.after };
    const docs = await archive.db!.collection<Doc>(args.collection).find(filter as mongo.Filter<Doc>).sort({ _id: 1 }).limit(args.first).toArray();

    const views = docs.map((doc): ArchivedRecordView => {
      const meta = (doc['_archive'] ?? {}) as { rule?: string; archivedAt?: Date };
      const rule = rules.find((r) => r.name === meta.rule) ?? rules[0]!;
      const archivedAt = meta.archivedAt instanceof Date ? meta.archivedAt : new Date(0);
      const { _archive: _ignored, ...document } = doc;
      return {
        id: String(doc['_id']),
        collection: args.collection,
        rule: rule.name,
        archivedAt: archivedAt.toISOString(),
        deleteAfter: after(archivedAt, parseDuration(rule.archiveFor!)).toISOString(),
        subjectId: rule.subjectField ? str(valueAt(doc, rule.subjectField)) : null,
        workspaceId: str(doc['workspaceId']),
        document: JSON.stringify(document),
      };
    });
    noteAuditedRead(ctx, {
      field: options.field,
      subjectRefs: views.map((v) => v.subjectId).filter((s): s is string => s !== null),
      workspaceIds: views.map((v) => v.workspaceId),
      reason: args.reason,
    });
    return views;
  };
}
