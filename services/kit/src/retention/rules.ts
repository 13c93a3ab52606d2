import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration } from './duration.js';

/**
 * What a service keeps and for how long, declared beside its model (src/model/retention.json) and merged
 * into the data map, so the policy's retention periods are applied by the code that states them.
 */
export const retentionRuleShape = z
  .object({
    /** Unique within the service: names the rule in sweep reports. */
    name: z.string().regex(/^[a-z0-9-]+$/),
    collection: z.string().regex(/^[a-z_]+$/),
    /** The data map's retention code the rule applies (schemas/privacy/policy.json `retentions`). */
    retention: z.string().regex(/^[A-Z0-9_]+$/),
    /** The date field a document's age is counted from. */
    from: z.string().min(1),
    /** ISO 8601 duration after `from` when the rule applies. */
    after: z.string().refine(ok(parseDuration), 'an ISO 8601 duration of years, months, weeks and days'),
    /** DELETE: removed. ARCHIVE: moved into the service's archive database, deleted from it after `archiveFor`. */
    action: z.enum(['DELETE', 'ARCHIVE']),
    archiveFor: z.string().refine(ok(parseDuration), 'an ISO 8601 duration').optional(),
    /** Only documents that also match this (equality on fields, e.g. { "state": "ANONYMIZED" }). */
    where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    /** The field that names the person, so documents of a subject under legal hold are kept. */
    subjectField: z.string().min(1).optional(),
    /** Why this period: shown in the register. */
    why: z.string().min(1),
  })
  .strict()
  .refine((r) => (r.action === 'ARCHIVE') === (r.archiveFor !== undefined), { message: 'archiveFor is required with ARCHIVE and only with it' });

export type RetentionRule = z.infer<typeof retentionRuleShape>;

function ok(parse: (s: string) => unknown) {
  return (s: string) => {
    try {
      parse(s);
      return true;
    } catch {
      return false;
    }
  };
}

const fileShape = z.object({ $comment: z.string().optional(), rules: z.array(retentionRuleShape) }).strict();

/** Reads and checks a service's retention.json; a mistake fails the start (and the data-map generation). */
export function loadRetentionRules(file: string | URL): RetentionRule[] {
  const parsed = fileShape.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${String(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const names = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (names.has(rule.name)) throw new Error(`${String(file)}: rule "${rule.name}" is declared twice`);
    names.add(rule.name);
  }
  return parsed.data.rules;
}
