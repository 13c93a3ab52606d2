import { HOLDERS } from '@verbatim/contracts';
import { parseInput, requireUser, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { RUNNING_STATUSES, type RightsRequestDoc } from '../model/request.schema.js';
import { wrongState } from './authority.js';
import type { RightsDeps } from './deps.js';
import { openedEntry } from './dispatch.js';
import { getRequest } from './requests.js';
import { askedAgain } from './tasks.js';

const retryInput = z.object({
  requestId: z.uuid('requestId must be a rights request id'),
  service: z.enum(HOLDERS, { message: `service must be one of ${HOLDERS.join(', ')}` }),
});

/**
 * Asks a FAILED holder again (its requester, or an ADMIN of the request's workspace: whoever may see
 * it): the task is PENDING again and the opened event goes to that holder only. A task that is not
 * FAILED, or a request that has ended: PRECONDITION_FAILED, nothing written.
 */
export async function retryTask(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  // A respondent's session follows its requests but does not operate them: the workspace's ADMINs do.
  const actorId = requireUser(ctx).userId;
  const { requestId, service } = parseInput(retryInput, raw);
  const request = await getRequest(deps, ctx, requestId);
  await retryOnRevision(`request ${requestId} kept changing while retrying ${service}`, async () => {
    const r = (await deps.requests.findById(requestId))!;
    if (!RUNNING_STATUSES.includes(r.status)) throw wrongState(`Request ${requestId} is ${r.status}: only a request in progress has tasks to retry.`, { status: r.status });
    const task = (r.tasks ?? []).find((t) => t.service === service);
    if (task?.status !== 'FAILED') throw wrongState(`The ${service} task of request ${requestId} is ${task?.status ?? 'absent'}: only a FAILED task can be retried.`, { status: task?.status ?? null });
    const now = deps.clock();
    const tasks = r.tasks!.map((t) => (t.service === service ? askedAgain(t, now) : t));
    return (await deps.requests.update(r._id, r.rev, { set: { tasks }, events: [openedEntry(deps, r, [service])] })) ? undefined : REVISION_CHANGED;
  });
  deps.relay.kick({ model: deps.requests.model, ids: [requestId] });
  await deps.audit.record({ action: 'TASK_RETRIED', actorId, at: deps.clock(), workspaceId: request.workspaceId, subjectType: request.subjectType, subjectId: request.subjectId!, requestId, service });
  deps.log.info({ requestId, service }, 'rights task retried');
  return (await deps.requests.findById(requestId))!;
}
