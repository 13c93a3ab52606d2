import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@verbatim/contracts';
import { ACCESS_REVOKED } from '@verbatim/contracts';
import { AppError, auditEntryEvent, badInput, forbidden, notFound, parseInput, requireUser, requireWorkspace, type OutboxEntry, type Principal, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { effectiveStatus, type AccessGrantDoc, type StoredGrantStatus } from '../model/access-grant.schema.js';
import { notifyBreakGlass } from './break-glass-notice.js';
import type { IdentityDeps } from './deps.js';
import { revocationPayload } from './revocation.js';
import { issueAccessToken } from './sessions.js';

const MIN_MINUTES = 5;
const reason = z.string().trim().min(20, 'reason must say why, in 20 to 2000 characters').max(2000, 'reason is at most 2000 characters');
const openInput = z.object({ workspaceId: z.uuid('workspaceId must be an id'), reason, durationMinutes: z.number().int('durationMinutes must be a whole number') });
const decisionInput = z.object({ workspaceId: z.uuid('workspaceId must be an id'), grantId: z.uuid('grantId must be an id') });
const statusFilter = z.enum(['PENDING', 'ACTIVE', 'DENIED', 'REVOKED', 'EXPIRED']).nullish();

type GrantAction = NonNullable<AuditEntry['action']>;

/** Any platform staff member (SUPPORT, DPO, PLATFORM_ADMIN) may ask; nobody else. */
function requireStaff(ctx: RequestContext): Principal {
  const principal = requireUser(ctx);
  if (!principal.platformRoles.length) throw forbidden('Only platform staff ask for access to a workspace; its members already have theirs.');
  return principal;
}

function parseOpening(raw: unknown, maxMinutes: number) {
  const input = parseInput(openInput, raw);
  if (input.durationMinutes < MIN_MINUTES || input.durationMinutes > maxMinutes) {
    throw badInput(`durationMinutes must be from ${MIN_MINUTES} to ${maxMinutes}.`, { fields: [{ field: 'durationMinutes', problem: `from ${MIN_MINUTES} to ${maxMinutes}` }] });
  }
  return input;
}

/** The step's entry in the audit log (rights), carried in the grant's own write: ids and the reason, no other value. */
const auditOf = (deps: IdentityDeps, grant: Pick<AccessGrantDoc, '_id' | 'workspaceId' | 'reason'>, actorUserId: string, action: GrantAction, operationName: string): OutboxEntry =>
  auditEntryEvent(deps.bus, 'identity', {
    workspaceId: grant.workspaceId,
    actorUserId,
    actorClientId: null,
    operationType: 'mutation',
    operationName,
    fields: [],
    subjectRefs: [],
    accessGrant: { id: grant._id, reason: grant.reason },
    action,
  });

async function requireExistingWorkspace(deps: IdentityDeps, workspaceId: string) {
  const ws = await deps.workspaces.findById(workspaceId);
  if (!ws) throw notFound('The workspace');
  return ws;
}

/** A staff member asks a workspace's ADMINs for read access, with why and for how long. */
export async function requestAccessGrant(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AccessGrantDoc> {
  const staff = requireStaff(ctx);
  const input = parseOpening(raw, deps.settings.ACCESS_GRANT_MAX_MINUTES);
  await requireExistingWorkspace(deps, input.workspaceId);
  const grant: AccessGrantDoc = {
    _id: randomUUID(),
    workspaceId: input.workspaceId,
    staffUserId: staff.userId,
    reason: input.reason,
    durationMinutes: input.durationMinutes,
    breakGlass: false,
    status: 'PENDING',
    requestedAt: new Date(),
    decidedBy: null,
    decidedAt: null,
    startsAt: null,
    endsAt: null,
    revokedBy: null,
    revokedAt: null,
  };
  await deps.accessGrants.insert(grant, [auditOf(deps, grant, staff.userId, 'ACCESS_GRANT_REQUESTED', 'requestAccessGrant')]);
  deps.relay.kick({ model: deps.accessGrants.model, ids: [grant._id] });
  return grant;
}

/**
 * Break-glass: a DPO or PLATFORM_ADMIN opens access at once, for a shorter time, with a reason. Every DPO and
 * every ADMIN of the workspace is mailed first: a break-glass access nobody was told of is worse than a notice
 * of one that then failed to open.
 */
export async function openBreakGlassAccess(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AccessGrantDoc> {
  const staff = requireUser(ctx);
  if (!staff.platformRoles.includes('DPO') && !staff.platformRoles.includes('PLATFORM_ADMIN')) throw forbidden('Only a DPO or a PLATFORM_ADMIN may open break-glass access.');
  const input = parseOpening(raw, deps.settings.BREAK_GLASS_MAX_MINUTES);
  const workspace = await requireExistingWorkspace(deps, input.workspaceId);
  const now = new Date();
  const grant: AccessGrantDoc = {
    _id: randomUUID(),
    workspaceId: input.workspaceId,
    staffUserId: staff.userId,
    reason: input.reason,
    durationMinutes: input.durationMinutes,
    breakGlass: true,
    status: 'ACTIVE',
    requestedAt: now,
    decidedBy: null,
    decidedAt: null,
    startsAt: now,
    endsAt: new Date(now.getTime() + input.durationMinutes * 60_000),
    revokedBy: null,
    revokedAt: null,
  };
  await notifyBreakGlass(deps, grant, workspace);
  await deps.accessGrants.insert(grant, [auditOf(deps, grant, staff.userId, 'BREAK_GLASS_ACCESS_OPENED', 'openBreakGlassAccess')]);
  deps.relay.kick({ model: deps.accessGrants.model, ids: [grant._id] });
  return grant;
}

/** A grant of the workspace the caller administers; one of another workspace is NOT_FOUND. */
async function grantForAdmin(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(decisionInput, raw);
  const admin = requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const grant = await deps.accessGrants.findInWorkspace(input.workspaceId, input.grantId);
  if (!grant) throw notFound('The access grant');
  return { admin, grant };
}

const notInState = (grant: AccessGrantDoc, expected: string) =>
  new AppError('ACCESS_GRANT_NOT_' + expected, `This access grant is ${effectiveStatus(grant)}, not ${expected}: list the workspace's grants again.`, { status: effectiveStatus(grant) });

async function move(deps: IdentityDeps, grant: AccessGrantDoc, from: StoredGrantStatus[], set: Partial<AccessGrantDoc>, events: OutboxEntry[], expected: string) {
  const moved = await deps.accessGrants.transition(grant._id, from, set, events);
  if (!moved) throw notInState((await deps.accessGrants.findInWorkspace(grant.workspaceId, grant._id)) ?? grant, expected);
  deps.relay.kick({ model: deps.accessGrants.model, ids: [grant._id] });
  return moved;
}

/** A workspace ADMIN approves a pending request: it is active from now for the duration asked. */
export async function approveAccessGrant(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AccessGrantDoc> {
  const { admin, grant } = await grantForAdmin(deps, ctx, raw);
  if (grant.staffUserId === admin.userId) throw forbidden('You cannot approve your own access request: another ADMIN of the workspace must.');
  if (grant.status !== 'PENDING') throw notInState(grant, 'PENDING');
  const now = new Date();
  const set = { status: 'ACTIVE' as const, decidedBy: admin.userId, decidedAt: now, startsAt: now, endsAt: new Date(now.getTime() + grant.durationMinutes * 60_000) };
  return move(deps, grant, ['PENDING'], set, [auditOf(deps, grant, admin.userId, 'ACCESS_GRANT_APPROVED', 'approveAccessGrant')], 'PENDING');
}

export async function denyAccessGrant(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AccessGrantDoc> {
  const { admin, grant } = await grantForAdmin(deps, ctx, raw);
  if (grant.status !== 'PENDING') throw notInState(grant, 'PENDING');
  const set = { status: 'DENIED' as const, decidedBy: admin.userId, decidedAt: new Date() };
  return move(deps, grant, ['PENDING'], set, [auditOf(deps, grant, admin.userId, 'ACCESS_GRANT_DENIED', 'denyAccessGrant')], 'PENDING');
}

/**
 * Ends a pending or active grant early: a workspace ADMIN, or the staff member themself. An active one is
 * announced on identity.access-revoked.v1 (in the same write), so every subgraph stops honouring it within seconds.
 */
export async function revokeAccessGrant(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AccessGrantDoc> {
  const input = parseInput(decisionInput, raw);
  const caller = requireUser(ctx);
  const grant = await deps.accessGrants.findInWorkspace(input.workspaceId, input.grantId);
  if (!grant || (grant.staffUserId !== caller.userId && caller.workspaces[input.workspaceId] !== 'ADMIN')) throw notFound('The access grant');
  const status = effectiveStatus(grant);
  if (status !== 'PENDING' && status !== 'ACTIVE') throw notInState(grant, 'OPEN');
  const events = [auditOf(deps, grant, caller.userId, 'ACCESS_GRANT_REVOKED', 'revokeAccessGrant')];
  const revocation = status === 'ACTIVE' ? revocationPayload(deps, 'GRANT', grant._id, 'GRANT_REVOKED') : undefined;
  if (revocation) events.push({ topic: ACCESS_REVOKED, key: grant.staffUserId, envelope: deps.bus.envelope(ACCESS_REVOKED, grant.staffUserId, revocation) });
  const moved = await move(deps, grant, [grant.status], { status: 'REVOKED', revokedBy: caller.userId, revokedAt: new Date() }, events, 'OPEN');
  // This process stops honouring it now; the others when the event reaches them.
  if (revocation) deps.denyList.add(revocation);
  return moved;
}

/** The workspace's grants, newest first (its ADMINs). */
export async function workspaceAccessGrants(deps: IdentityDeps, ctx: RequestContext, workspaceId: unknown, status: unknown): Promise<AccessGrantDoc[]> {
  const id = parseInput(z.uuid('workspaceId must be an id'), workspaceId);
  requireWorkspace(ctx, id, 'ADMIN');
  return filterByStatus(await deps.accessGrants.ofWorkspace(id), parseInput(statusFilter, status));
}

/** The caller's own requests and grants (staff). */
export async function myAccessGrants(deps: IdentityDeps, ctx: RequestContext, status: unknown): Promise<AccessGrantDoc[]> {
  const staff = requireStaff(ctx);
  return filterByStatus(await deps.accessGrants.ofStaff(staff.userId), parseInput(statusFilter, status));
}

const filterByStatus = (grants: AccessGrantDoc[], status: string | null | undefined) => (status ? grants.filter((g) => effectiveStatus(g) === status) : grants);

/**
 * A token of the caller's session that carries their active grant (`ag` claim: id, workspace, end, reason), minted
 * like every other access token; the subgraphs let it read that workspace until the grant ends or is revoked.
 */
export async function accessTokenForGrant(deps: IdentityDeps, ctx: RequestContext, grantId: unknown) {
  const staff = requireStaff(ctx);
  if (!staff.sessionId) throw forbidden('A grant token is issued for a signed-in session only.');
  const grant = await deps.accessGrants.findOfStaff(staff.userId, parseInput(z.uuid('grantId must be an id'), grantId));
  if (!grant) throw notFound('The access grant');
  const user = await deps.users.findById(staff.userId);
  if (!user?.platformRoles?.length) throw forbidden('Only platform staff ask for access to a workspace; its members already have theirs.');
  if (effectiveStatus(grant) !== 'ACTIVE' || deps.denyList.grantRevoked(grant._id)) throw notInState(grant, 'ACTIVE');
  const ag = { id: grant._id, ws: grant.workspaceId, end: Math.floor(grant.endsAt!.getTime() / 1000), why: grant.reason };
  return { ...(await issueAccessToken(deps, staff.userId, staff.sessionId, { ag })), grant };
}
