import { randomUUID } from 'node:crypto';
import { LEGAL_HOLD_CHANGED } from '@verbatim/contracts';
import { AppError, notFound, outboxOnCreate, parseInput, type OutboxEntry, REVISION_CHANGED, requireWorkspace, requireWorkspaceRead, retryOnRevision, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { activeHoldKey } from '../model/legal-hold.repository.js';
import type { LegalHoldDoc } from '../model/legal-hold.schema.js';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { wrongState } from './authority.js';
import type { RightsDeps } from './deps.js';
import { dispatchChange } from './dispatch.js';

const holdInput = z.object({
  workspaceId: z.uuid('workspaceId must be a workspace id'),
  respondentId: z.uuid('respondentId must be a respondent id'),
  reference: z.string({ message: "reference is required: the authority's reference for the order" }).trim().min(1, "reference is required: the authority's reference for the order").max(200, 'reference is at most 200 characters'),
});
const holdId = z.uuid('holdId must be a legal hold id');

/**
 * A workspace ADMIN places a legal hold on a respondent, with the authority's reference: from then on
 * an erasure of that respondent waits ON_HOLD, sent to no holder. Recorded in the audit. One active
 * hold per subject (CONFLICT otherwise). An erasure already sent to the holders is not stopped.
 */
export async function placeLegalHold(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<LegalHoldDoc> {
  const input = parseInput(holdInput, raw);
  const principal = requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const now = deps.clock();
  const hold: LegalHoldDoc = {
    _id: randomUUID(),
    workspaceId: input.workspaceId,
    subjectType: 'RESPONDENT',
    subjectId: input.respondentId,
    reference: input.reference,
    placedBy: principal.userId,
    placedAt: now,
    liftedBy: null,
    liftedAt: null,
    activeKey: activeHoldKey('RESPONDENT', input.respondentId),
  };
  // Every service learns of it in the same write: their retention sweeps keep the subject's data.
  Object.assign(hold, outboxOnCreate([holdChanged(deps, hold, true, now)]));
  if ((await deps.holds.insert(hold)) === 'duplicate') {
    const existing = await deps.holds.findActive('RESPONDENT', input.respondentId);
    throw new AppError('CONFLICT', `This respondent is already under a legal hold${existing ? ` (${existing._id})` : ''}: lift it before placing another.`, { existingHoldId: existing?._id ?? null });
  }
  await deps.audit.record({ action: 'LEGAL_HOLD_PLACED', actorId: principal.userId, at: now, workspaceId: hold.workspaceId, subjectType: hold.subjectType, subjectId: input.respondentId, holdId: hold._id, reference: hold.reference });
  deps.relay.kick({ model: deps.holds.model, ids: [hold._id] });
  deps.log.info({ holdId: hold._id, workspaceId: hold.workspaceId }, 'legal hold placed');
  return hold;
}

/**
 * Lifts a hold (ADMIN of its workspace), recorded in the audit; the erasures it kept waiting go to the
 * holders at once (and the watchdog resumes any this call did not reach, e.g. after a crash).
 */
export async function liftLegalHold(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<LegalHoldDoc> {
  const id = parseInput(holdId, rawId);
  const hold = await deps.holds.findById(id);
  if (!hold) throw notFound('The legal hold');
  const principal = requireWorkspace(ctx, hold.workspaceId, 'ADMIN');
  if (hold.liftedAt) throw wrongState(`Legal hold ${id} was lifted on ${new Date(hold.liftedAt).toISOString()}.`, { reason: 'ALREADY_LIFTED' });
  const now = deps.clock();
  if (!(await deps.holds.lift(id, principal.userId, now, [holdChanged(deps, hold, false, now)]))) throw wrongState(`Legal hold ${id} was lifted meanwhile.`, { reason: 'ALREADY_LIFTED' });
  await deps.audit.record({ action: 'LEGAL_HOLD_LIFTED', actorId: principal.userId, at: now, workspaceId: hold.workspaceId, subjectType: hold.subjectType, subjectId: hold.subjectId!, holdId: id, reference: hold.reference });
  deps.relay.kick({ model: deps.holds.model, ids: [id] });
  deps.log.info({ holdId: id, workspaceId: hold.workspaceId }, 'legal hold lifted');
  await resumeHeld(deps, await deps.requests.findOnLegalHold(id));
  return (await deps.holds.findById(id))!;
}

/** rights.legal-hold-changed.v1 for a hold placed (held) or lifted. */
function holdChanged(deps: Pick<RightsDeps, 'bus'>, hold: LegalHoldDoc, held: boolean, at: Date): OutboxEntry {
  const subjectId = hold.subjectId!;
  return {
    topic: LEGAL_HOLD_CHANGED,
    key: subjectId,
    envelope: deps.bus.envelope(LEGAL_HOLD_CHANGED, subjectId, { holdId: hold._id, subjectType: hold.subjectType, subjectId, workspaceId: hold.workspaceId, held, changedAt: at.toISOString() }),
  };
}

/** Sends the held erasures whose hold is no longer active to the holders; returns how many it sent. */
export async function resumeHeld(deps: RightsDeps, held: readonly RightsRequestDoc[]): Promise<number> {
  let resumed = 0;
  for (const request of held) {
    const sent = await retryOnRevision(`request ${request._id} kept changing while resuming it`, async () => {
      const r = await deps.requests.findById(request._id);
      if (!r || r.status !== 'ON_HOLD' || r.holdReason !== 'LEGAL_HOLD') return false;
      const hold = r.legalHoldId ? await deps.holds.findById(r.legalHoldId) : null;
      if (hold && !hold.liftedAt) return false;
      return (await deps.requests.update(r._id, r.rev, dispatchChange(deps, r, deps.clock()))) ? true : REVISION_CHANGED;
    });
    if (sent) {
      resumed++;
      deps.relay.kick({ model: deps.requests.model, ids: [request._id] });
      deps.log.info({ requestId: request._id }, 'held erasure resumed');
    }
  }
  return resumed;
}

export async function holdsOfWorkspace(deps: RightsDeps, ctx: RequestContext, workspaceId: string): Promise<LegalHoldDoc[]> {
  requireWorkspaceRead(ctx, workspaceId, { role: 'ADMIN' });
  return deps.holds.findByWorkspace(workspaceId);
}

export async function auditOfWorkspace(deps: RightsDeps, ctx: RequestContext, workspaceId: string) {
  requireWorkspace(ctx, workspaceId, 'ADMIN');
  return deps.audit.findByWorkspace(workspaceId);
}
