import type { AuditEntry, SubjectType } from '@verbatim/contracts';
import { badInput, parseInput, requirePlatformRole, requireWorkspace, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { AuditLogDoc } from '../model/audit-log.repository.js';
import type { RightsDeps } from './deps.js';
import { subjectDigest } from './digest.js';

const MAX_PAGE = 200;

export async function storeAuditEntry(deps: RightsDeps, entry: AuditEntry): Promise<void> {
  // An entry of a read just before an erasure may arrive after it: it names the erased person by digest too.
  const digestsOf = (ref: string) => (['RESPONDENT', 'USER'] as const).map((type) => subjectDigest(deps.digestKey, type, ref));
  const erased = await deps.requests.erasedAmong(entry.subjectRefs.flatMap(digestsOf).concat(entry.actorUserId ? digestsOf(entry.actorUserId) : []));
  const pseudonym = (ref: string) => digestsOf(ref).find((d) => erased.has(d)) ?? ref;
  await deps.auditLog.append({
    _id: entry.entryId,
    service: entry.service,
    at: new Date(entry.at),
    workspaceId: entry.workspaceId ?? null,
    actorUserId: entry.actorUserId ? pseudonym(entry.actorUserId) : null,
    actorClientId: entry.actorClientId ?? null,
    operationType: entry.operationType,
    operationName: entry.operationName ?? null,
    fields: entry.fields,
    subjectRefs: entry.subjectRefs.map(pseudonym),
    truncated: entry.truncated ?? false,
    reason: entry.reason ?? null,
    accessGrant: entry.accessGrant ?? null,
    action: entry.action ?? null,
  });
}

/** A workspace's audit log, for its ADMINs: who read or changed its personal data, newest first. */
export async function auditLogOf(deps: RightsDeps, ctx: RequestContext, workspaceId: string, args: PageArgs): Promise<AuditLogDoc[]> {
  requireWorkspace(ctx, workspaceId, 'ADMIN');
  const { first, before } = parsePage(args);
  return deps.auditLog.ofWorkspace(workspaceId, first, before);
}

/** The DPO's audit log across every workspace, newest first, optionally only the entries of one staff access grant. */
export async function platformAuditLog(deps: RightsDeps, ctx: RequestContext, args: PageArgs & { accessGrantId?: unknown }): Promise<AuditLogDoc[]> {
  requirePlatformRole(ctx, 'DPO');
  const { first, before } = parsePage(args);
  const grantId = parseInput(z.uuid('accessGrantId must be an id').nullish(), args.accessGrantId) ?? undefined;
  return deps.auditLog.acrossWorkspaces(first, before, grantId);
}

interface PageArgs {
  first?: unknown;
  before?: unknown;
}

function parsePage(args: PageArgs): { first: number; before: Date | undefined } {
  const first = args.first ?? 50;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be a whole number from 1 to ${MAX_PAGE}.`);
  let before: Date | undefined;
  if (args.before !== undefined && args.before !== null) {
    before = new Date(String(args.before));
    if (Number.isNaN(before.getTime())) throw badInput('before must be an ISO 8601 date (the `at` of the last entry read).');
  }
  return { first, before };
}

/** The audit entries that name the subject (who read their data, and what they read themself), for an access answer. */
export const auditEntriesNaming = (deps: RightsDeps, subjectId: string) => deps.auditLog.naming(subjectId);

/** After an erasure the log keeps its entries (the proof of who accessed what) but names the person by digest only. */
export const pseudonymizeInAuditLog = (deps: RightsDeps, subjectType: SubjectType, subjectId: string) =>
  deps.auditLog.replaceId(subjectId, subjectDigest(deps.digestKey, subjectType, subjectId));
