import type { Connection, mongo } from 'mongoose';
import { before, parseDuration } from './duration.js';
import type { LegalHolds } from './legal-holds.js';
import type { RetentionRule } from './rules.js';

/** What one rule did (or, dry-run, would do): counts only, never values. */
export interface RuleOutcome {
  rule: string;
  collection: string;
  action: RetentionRule['action'];
  /** Documents past the rule's period. */
  due: number;
  /** Of those, kept because their subject is under a legal hold. */
  held: number;
  /** Deleted, or moved into the archive (0 on a dry run). */
  applied: number;
  /** Archived documents past `archiveFor`, deleted from the archive (dry run: that would be). */
  purgedFromArchive: number;
}

export interface SweepOptions {
  conn: Connection;
  /** The service's archive database: a separate database, for the DPO only. */
  archive: Connection;
  rules: readonly RetentionRule[];
  holds: LegalHolds;
  /** The sweep's clock: "now" for the rules (a later date shows what a future sweep will do). */
  asOf: Date;
  dryRun: boolean;
}

const BATCH = 500;
const ARCHIVED_AT = '_archive.archivedAt';

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * Applies each rule to the documents past its period, in _id order and batches of 500, keeping those of
 * held subjects. ARCHIVE copies a batch into the archive (same _id: a repeated sweep after a crash writes
 * nothing twice) before deleting it from the live collection, so a document is always in one or both.
 */
export async function sweepRetention(options: SweepOptions): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of options.rules) outcomes.push(await sweepRule(options, rule));
  return outcomes;
}

type Doc = Record<string, unknown>;

/** Pages through the documents matching `filter` in _id order, each page split into held and due. */
async function* duePages(collection: mongo.Collection<Doc>, filter: Doc, rule: RetentionRule, holds: LegalHolds) {
  let lastId: unknown;
  for (;;) {
    const page = await collection
      .find(lastId === undefined ? filter : { $and: [filter, { _id: { $gt: lastId } }] })
      .sort({ _id: 1 })
      .limit(BATCH)
      .toArray();
    if (!page.length) return;
    lastId = page[page.length - 1]!['_id'];
    const subjectOf = (d: Doc) => (rule.subjectField ? valueAt(d, rule.subjectField) : undefined);
    const held = await holds.heldAmong([...new Set(page.map(subjectOf).filter((s): s is string => typeof s === 'string'))]);
    const isHeld = (d: Doc) => held.has(subjectOf(d) as string);
    yield { held: page.filter(isHeld).length, due: page.filter((d) => !isHeld(d)) };
  }
}

async function sweepRule({ conn, archive, holds, asOf, dryRun }: SweepOptions, rule: RetentionRule): Promise<RuleOutcome> {
  const live = conn.db!.collection<Doc>(rule.collection);
  const archived = archive.db!.collection<Doc>(rule.collection);
  const outcome: RuleOutcome = { rule: rule.name, collection: rule.collection, action: rule.action, due: 0, held: 0, applied: 0, purgedFromArchive: 0 };

  const pastPeriod = { ...rule.where, [rule.from]: { $lt: before(asOf, parseDuration(rule.after)) } };
  for await (const { held, due } of duePages(live, pastPeriod, rule, holds)) {
    outcome.due += held + due.length;
    outcome.held += held;
    if (dryRun || !due.length) continue;
    if (rule.action === 'ARCHIVE') {
      await archived.bulkWrite(
        due.map((d) => ({ replaceOne: { filter: { _id: d['_id'] }, replacement: { ...d, _archive: { rule: rule.name, archivedAt: asOf } }, upsert: true } })),
        { ordered: false },
      );
    }
    outcome.applied += (await live.deleteMany({ _id: { $in: due.map((d) => d['_id']) } })).deletedCount;
  }

  if (rule.action === 'ARCHIVE') {
    // The archive keeps what is held too: a hold outlives the archive period.
    const pastArchive = { '_archive.rule': rule.name, [ARCHIVED_AT]: { $lt: before(asOf, parseDuration(rule.archiveFor!)) } };
    for await (const { held, due } of duePages(archived, pastArchive, rule, holds)) {
      outcome.held += held;
      if (!due.length) continue;
      outcome.purgedFromArchive += dryRun ? due.length : (await archived.deleteMany({ _id: { $in: due.map((d) => d['_id']) } })).deletedCount;
    }
  }
  return outcome;
}
