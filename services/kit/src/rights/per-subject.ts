import type { SubjectType } from '@verbatim/contracts';
import type { RightsStrategy } from './execution.js';

/** One strategy per subject type; a request about a subject type the holder does not hold changes nothing. */
export type SubjectStrategies = Partial<Record<SubjectType, RightsStrategy>>;

/** Dispatches a request to the strategy of its subject type (the holder's strategy per right and subject type). */
export function perSubjectType(strategies: SubjectStrategies): RightsStrategy {
  return async (request) => (await strategies[request.subjectType]?.(request)) ?? [];
}
