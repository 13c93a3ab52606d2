import type { RightsKind, SubjectType } from '@verbatim/contracts';
import { badInput, parseInput, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { RequestChange } from '../model/request.repository.js';
import type { RepetitionDoc, RightsRequestDoc } from '../model/request.schema.js';
import { requireDecider, wrongState } from './authority.js';
import type { RightsDeps } from './deps.js';
import { dispatchChange } from './dispatch.js';
import { complaintAuthority, contactOf, tellSubject } from './notices.js';
import { getRequest } from './requests.js';

const DAY_MS = 86_400_000;

/**
 * Art. 12(5): a request is flagged as repetitive when, with it, the same subject made
 * `repetitionThreshold` requests of the same right within `repetitionWindowDays`. Erased subjects'
 * requests name a digest only and no longer count.
 */
export async function repetitionOf(deps: RightsDeps, kind: RightsKind, subject: { subjectType: SubjectType; subjectId: string }, now: Date): Promise<RepetitionDoc | null> {
  const { repetitionThreshold, repetitionWindowDays } = deps.workflow;
  const earlier = await deps.requests.countSince(kind, subject.subjectType, subject.subjectId, new Date(now.getTime() - repetitionWindowDays * DAY_MS));
  return earlier + 1 >= repetitionThreshold ? { count: earlier + 1, windowDays: repetitionWindowDays } : null;
}

const requestIdInput = z.uuid('requestId must be a rights request id');
const contactEmail = z.email('contactEmail must be a valid email address').max(320).transform((e) => e.toLowerCase()).nullish();
const justification = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(2000, `${what} is at most 2,000 characters`);

const refusalInput = z.object({ requestId: requestIdInput, justification: justification('A written justification (Art. 12(4)-(5)) telling the subject why').nullish(), contactEmail });
const feeInput = z.object({
  requestId: requestIdInput,
  amountCents: z.number().int().min(1, 'amountCents must be at least 1').max(100_000, 'amountCents is at most 100000 (1,000.00): a fee must be reasonable'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR').default('EUR'),
  reason: justification('reason'),
  contactEmail,
});

/** A repetitive request waiting for a decision, read and checked for the caller. */
async function awaitingDecision(deps: RightsDeps, ctx: RequestContext, requestId: string) {
  const request = await getRequest(deps, ctx, requestId);
  const principal = requireDecider(ctx, request);
  return { principal, check: (r: RightsRequestDoc) => {
    if (r.status !== 'ON_HOLD' || r.holdReason !== 'REPETITIVE') {
      throw wrongState(`Request ${r._id} is ${r.status}${r.holdReason ? ` (${r.holdReason})` : ''}: only a repetitive request waiting ON_HOLD for a decision can be refused, charged or let through.`, { status: r.status });
    }
  } };
}

/** One guarded write of a decision on a waiting request; the fresh request it applied to. */
async function decide(deps: RightsDeps, requestId: string, check: (r: RightsRequestDoc) => void, changeOf: (r: RightsRequestDoc) => RequestChange): Promise<RightsRequestDoc> {
  return retryOnRevision(`request ${requestId} kept changing while deciding on it`, async () => {
    const current = (await deps.requests.findById(requestId))!;
    check(current);
    const change = changeOf(current);
    if (!(await deps.requests.update(current._id, current.rev, change))) return REVISION_CHANGED;
    if (change.events?.length) deps.relay.kick({ model: deps.requests.model, ids: [current._id] });
    return current;
  });
}

const audit = (deps: RightsDeps, r: RightsRequestDoc, actorId: string, action: 'REQUEST_REFUSED' | 'FEE_CHARGED' | 'REPETITIVE_REQUEST_ACCEPTED', at: Date) =>
  deps.audit.record({ action, actorId, at, workspaceId: r.workspaceId, subjectType: r.subjectType, subjectId: r.subjectId!, requestId: r._id });

/**
 * Refuses a repetitive request (Art. 12(5)(b)) with a written justification: REFUSED, and the subject
 * is told why and that they may complain to the CNIL. No justification: BAD_USER_INPUT, nothing written.
 */
export async function refuseRequest(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const input = parseInput(refusalInput, raw);
  if (!input.justification) throw badInput('A refusal needs a written justification (Art. 12(4)-(5)): say why the request is manifestly unfounded or excessive.', { fields: ['justification'] });
  const { principal, check } = await awaitingDecision(deps, ctx, input.requestId);
  const now = deps.clock();
  let to = '';
  const refused = await decide(deps, input.requestId, (r) => (check(r), (to = contactOf(r, input.contactEmail))), () => ({
    set: { status: 'REFUSED', holdReason: null, refusal: { justification: input.justification!, refusedAt: now, refusedBy: principal.userId }, openKey: `done:${input.requestId}`, contactEmail: null, correction: null },
  }));
  await audit(deps, refused, principal.userId, 'REQUEST_REFUSED', now);
  await tellSubject(deps, refused, to, 'rights-request-refused', { requestId: refused._id, justification: input.justification, ...complaintAuthority() });
  return (await deps.requests.findById(refused._id))!;
}

const formatAmount = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/**
 * Charges a reasonable fee for a repetitive request (Art. 12(5)(a)): the amount and reason are stored,
 * the subject is told, and the request goes to the holders (payment is settled outside the platform).
 */
export async function chargeFee(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const input = parseInput(feeInput, raw);
  const { principal, check } = await awaitingDecision(deps, ctx, input.requestId);
  const now = deps.clock();
  let to = '';
  const charged = await decide(deps, input.requestId, (r) => (check(r), (to = contactOf(r, input.contactEmail))), (r) => {
    const dispatch = dispatchChange(deps, r, now);
    return { ...dispatch, set: { ...dispatch.set, fee: { amountCents: input.amountCents, currency: input.currency, reason: input.reason, chargedAt: now, chargedBy: principal.userId } } };
  });
  await audit(deps, charged, principal.userId, 'FEE_CHARGED', now);
  await tellSubject(deps, charged, to, 'rights-request-fee', { requestId: charged._id, amount: formatAmount(input.amountCents, input.currency), reason: input.reason });
  return (await deps.requests.findById(charged._id))!;
}

/** Lets a flagged request through, free: it was repetitive but founded. It goes to the holders. */
export async function acceptRepetitive(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<RightsRequestDoc> {
  const requestId = parseInput(requestIdInput, rawId);
  const { principal, check } = await awaitingDecision(deps, ctx, requestId);
  const now = deps.clock();
  const accepted = await decide(deps, requestId, check, (r) => dispatchChange(deps, r, now));
  await audit(deps, accepted, principal.userId, 'REPETITIVE_REQUEST_ACCEPTED', now);
  return (await deps.requests.findById(accepted._id))!;
}
