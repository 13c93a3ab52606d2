import type { RightsRequestAcknowledged, RightsRequestOpened } from './generated.js';

/**
 * The rights protocol's vocabulary, named once from the generated payloads: rights opens a request,
 * every holder executes it and acknowledges with counts, rights completes it (the holder-side runtime
 * is the kit's createRightsHandler).
 */
export type RightsKind = RightsRequestOpened['kind'];
export type SubjectType = RightsRequestOpened['subjectType'];
export type RightsOutcome = RightsRequestAcknowledged['outcome'];
/** Documents one holder affected in one collection: the proof of what it did. */
export type ActionCount = RightsRequestAcknowledged['counts'][number];

/** The purposes a person can object to (Art. 21, and Art. 22 for AI processing). */
export type ObjectionPurpose = NonNullable<RightsRequestOpened['objection']>['purposes'][number];
export const OBJECTION_PURPOSES = ['ANALYSIS', 'AI_PROCESSING', 'ML_IMPROVEMENT', 'COMMUNICATION'] as const satisfies readonly ObjectionPurpose[];
export type RightsObjection = NonNullable<RightsRequestOpened['objection']>;
