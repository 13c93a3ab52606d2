import { retryOnRevision, REVISION_CHANGED, type OutboxEntry } from '@verbatim/kit';
import type { RequestChange } from '../model/request.repository.js';
import { RUNNING_STATUSES, type RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { openedEntry } from './dispatch.js';
import { resumeHeld } from './legal-hold.js';
import { newTasks, watchdogStep } from './tasks.js';

export interface WatchdogPass {
  /** Holders asked again. */
  reasked: number;
  /** Tasks given up as FAILED (NO_ANSWER) after the last ask. */
  failed: number;
  /** Requests found past their deadline. */
  overdue: number;
  /** Held erasures sent on because their hold was lifted. */
  resumed: number;
}

/** The watchdog's change to one running request at `now`, or null when there is nothing to do. */
export function watchdogChange(deps: Pick<RightsDeps, 'bus' | 'workflow' | 'digestKey'>, request: RightsRequestDoc, now: Date): { change: RequestChange; pass: WatchdogPass } | null {
  const pass: WatchdogPass = { reasked: 0, failed: 0, overdue: 0, resumed: 0 };
  const set: RequestChange['set'] = {};
  if (request.status === 'IN_PROGRESS' && now.getTime() > new Date(request.dueAt).getTime()) {
    set.status = 'OVERDUE';
    set.overdueAt = now;
    pass.overdue = 1;
  }
  // A request from before tasks existed: one task per holder that has not answered, as asked when it was opened.
  const answered = new Set(request.acknowledgements.map((a) => a.service));
  const tasks = request.tasks?.length ? request.tasks : newTasks(request.expectedServices.filter((s) => !answered.has(s)), new Date(request.requestedAt));
  const reasked: string[] = [];
  const next = tasks.map((task) => {
    const stepped = watchdogStep(task, now, deps.workflow.reaskAfterMs, deps.workflow.maxAsks);
    if (!stepped) return task;
    if (stepped.status === 'FAILED') pass.failed++;
    else reasked.push(task.service);
    return stepped;
  });
  if (reasked.length || pass.failed) set.tasks = next;
  pass.reasked = reasked.length;
  if (!Object.keys(set).length) return null;
  const events: OutboxEntry[] = reasked.length && request.subjectId ? [openedEntry(deps, request, reasked)] : [];
  return { change: { set, events }, pass };
}

/**
 * One pass: marks requests past their deadline OVERDUE, asks again the holders that have not answered
 * for `reaskAfterMs` (the opened event to those holders only; they are idempotent per request), gives
 * a holder up as FAILED (NO_ANSWER) after `maxAsks` asks so the request shows it and can be retried,
 * and resumes erasures whose legal hold was lifted.
 */
export async function watchOnce(deps: RightsDeps): Promise<WatchdogPass> {
  const total: WatchdogPass = { reasked: 0, failed: 0, overdue: 0, resumed: 0 };
  const now = deps.clock();
  for (const { _id } of await deps.requests.findRunning()) {
    // Holders answer while the watchdog works: a request that changed under it is read again.
    const step = await retryOnRevision(`request ${_id} kept changing under the watchdog`, async () => {
      const request = await deps.requests.findById(_id);
      const found = request && RUNNING_STATUSES.includes(request.status) ? watchdogChange(deps, request, now) : null;
      if (!found) return null;
      return (await deps.requests.update(_id, request!.rev, found.change)) ? found : REVISION_CHANGED;
    }).catch((err: unknown) => {
      deps.log.warn({ err, requestId: _id }, 'watchdog left a request for its next pass');
      return null;
    });
    if (!step) continue;
    const request = { _id };
    if (step.change.events?.length) deps.relay.kick({ model: deps.requests.model, ids: [request._id] });
    total.reasked += step.pass.reasked;
    total.failed += step.pass.failed;
    total.overdue += step.pass.overdue;
    if (step.pass.reasked || step.pass.failed || step.pass.overdue) deps.log.info({ requestId: request._id, ...step.pass }, 'watchdog acted on a request');
  }
  total.resumed = await resumeHeld(deps, await deps.requests.findOnLegalHold());
  return total;
}

/** Runs watchOnce every `intervalMs` (never two passes at once); a failing pass is logged and the next one runs. */
export function createWatchdog(deps: RightsDeps, intervalMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  const tick = () => {
    running = watchOnce(deps)
      .catch((err: unknown) => deps.log.error({ err }, 'watchdog pass failed'))
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  return {
    name: 'rights-watchdog',
    runOnce: () => watchOnce(deps),
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
