import type { RightsRequestAcknowledged } from '@verbatim/contracts';

export const TASK_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One holder's part of one request. */
export interface TaskDoc {
  service: string;
  status: TaskStatus;
  /** Times rights asked this holder: the first ask, the watchdog's re-asks and the retries. */
  asks: number;
  /** Times the holder ran its strategy, as it reported them, over every ask. */
  attempts: number;
  /** The last failure's code (an error code or class name, never a message: no personal data). */
  lastError: string | null;
  askedAt: Date;
  answeredAt: Date | null;
  updatedAt: Date;
}

/** A task per holder, asked now. */
export function newTasks(services: readonly string[], now: Date): TaskDoc[] {
  return services.map((service) => ({ service, status: 'PENDING', asks: 1, attempts: 0, lastError: null, askedAt: now, answeredAt: null, updatedAt: now }));
}

/**
 * The tasks after a holder's answer, or null when it changes nothing. A DONE task stays DONE (a late
 * FAILED from an older ask cannot undo it); a request from before tasks existed gets its task here.
 */
export function withTaskAnswer(tasks: readonly TaskDoc[], expected: readonly string[], ack: Pick<RightsRequestAcknowledged, 'service' | 'outcome' | 'errorCode' | 'attempts'>, now: Date): TaskDoc[] | null {
  if (!expected.includes(ack.service)) return null;
  const current = tasks.find((t) => t.service === ack.service) ?? newTasks([ack.service], now)[0]!;
  if (current.status === 'DONE') return null;
  if (current.status === 'FAILED' && ack.outcome === 'FAILED') return null;
  const answered: TaskDoc = {
    ...current,
    status: ack.outcome,
    attempts: current.attempts + (ack.attempts ?? 1),
    lastError: ack.outcome === 'FAILED' ? (ack.errorCode ?? 'FAILED') : current.lastError,
    answeredAt: now,
    updatedAt: now,
  };
  return tasks.some((t) => t.service === ack.service) ? tasks.map((t) => (t.service === ack.service ? answered : t)) : [...tasks, answered];
}

/** The task asked once more (a re-ask or a retry): PENDING again, its last error kept for the record. */
export function askedAgain(task: TaskDoc, now: Date): TaskDoc {
  return { ...task, status: 'PENDING', asks: task.asks + 1, askedAt: now, answeredAt: null, updatedAt: now };
}

/** What the watchdog does with a pending task asked at least `reaskAfterMs` ago: ask again, or give up after `maxAsks`. */
export function watchdogStep(task: TaskDoc, now: Date, reaskAfterMs: number, maxAsks: number): TaskDoc | null {
  if (task.status !== 'PENDING' || now.getTime() - new Date(task.askedAt).getTime() < reaskAfterMs) return null;
  if (task.asks >= maxAsks) return { ...task, status: 'FAILED', lastError: 'NO_ANSWER', answeredAt: now, updatedAt: now };
  return askedAgain(task, now);
}
