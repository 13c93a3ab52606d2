import { parseInput, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { requireDecider, wrongState } from './authority.js';
import { dueDate, extendedDueDate, MAX_EXTENSION_MONTHS } from './deadline.js';
import type { RightsDeps } from './deps.js';
import { contactOf, mailDate, tellSubject } from './notices.js';
import { getRequest } from './requests.js';

const extensionInput = z.object({
  requestId: z.uuid('requestId must be a rights request id'),
  months: z.number().int().min(1, 'months must be 1 or 2').max(MAX_EXTENSION_MONTHS, `months must be 1 or 2: an extension is at most ${MAX_EXTENSION_MONTHS} further months`),
  reason: z.string({ message: 'reason is required' }).trim().min(1, 'reason is required: the subject is told why').max(1000, 'reason is at most 1,000 characters'),
  contactEmail: z.email('contactEmail must be a valid email address').max(320).transform((e) => e.toLowerCase()).nullish(),
});

/** The states in which the deadline still runs and can be extended. */
const EXTENDABLE: readonly RightsRequestDoc['status'][] = ['IN_PROGRESS', 'ON_HOLD'];

/**
 * Art. 12(3): extends the deadline once, by one or two further months, with its reason, and only
 * before the first month ends; the subject is told by email. A second extension, one after the first
 * month, or one on an ended request: PRECONDITION_FAILED, nothing written.
 */
export async function extendDeadline(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const input = parseInput(extensionInput, raw);
  const request = await getRequest(deps, ctx, input.requestId);
  const principal = requireDecider(ctx, request);
  const now = deps.clock();
  let to = '';
  let previous = new Date();
  let extended = new Date();
  await retryOnRevision(`request ${request._id} kept changing while extending it`, async () => {
    const r = (await deps.requests.findById(request._id))!;
    if (r.extension) {
      throw wrongState(`Request ${r._id} was already extended on ${mailDate(r.extension.extendedAt)} (to ${mailDate(r.dueAt)}): a deadline is extended once only.`, { reason: 'ALREADY_EXTENDED' });
    }
    const firstDue = dueDate(new Date(r.requestedAt));
    if (now.getTime() >= firstDue.getTime()) {
      throw wrongState(`The first month of request ${r._id} ended on ${firstDue.toISOString()}: an extension must be decided and announced before it ends.`, { reason: 'FIRST_MONTH_ENDED' });
    }
    if (!EXTENDABLE.includes(r.status)) throw wrongState(`Request ${r._id} is ${r.status}: only a request in progress or on hold can be extended.`, { reason: 'ENDED', status: r.status });
    to = contactOf(r, input.contactEmail);
    previous = new Date(r.dueAt);
    extended = extendedDueDate(new Date(r.requestedAt), input.months);
    const change = { set: { dueAt: extended, extension: { months: input.months, reason: input.reason, previousDueAt: previous, extendedAt: now, extendedBy: principal.userId } } };
    return (await deps.requests.update(r._id, r.rev, change)) ? undefined : REVISION_CHANGED;
  });
  await deps.audit.record({ action: 'DEADLINE_EXTENDED', actorId: principal.userId, at: now, workspaceId: request.workspaceId, subjectType: request.subjectType, subjectId: request.subjectId!, requestId: request._id });
  await tellSubject(deps, request, to, 'rights-request-extended', { requestId: request._id, previousDeadline: mailDate(previous), newDeadline: mailDate(extended), reason: input.reason });
  return (await deps.requests.findById(request._id))!;
}
