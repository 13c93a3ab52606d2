import type { ConsentChanged } from '@verbatim/contracts';
import { subjectKey, type SubjectFlag } from '../model/subject.repository.js';
import type { ReportingDeps } from './deps.js';

/** Which limitation a consent purpose controls here; CONTACT is not reporting's concern. */
const flagOf: Partial<Record<ConsentChanged['purpose'], SubjectFlag>> = {
  ANALYSIS: 'analysisWithdrawn',
  AI_PROCESSING: 'aiProcessingWithdrawn',
};

/**
 * A withdrawn ANALYSIS consent is an objection (Art. 21): the respondent leaves new reports until
 * consent is granted again. Returns the flag changed, if any.
 */
export async function applyConsentChange(deps: Pick<ReportingDeps, 'subjects'>, event: ConsentChanged): Promise<SubjectFlag | null> {
  if (event.subjectType !== 'RESPONDENT') return null;
  const flag = flagOf[event.purpose];
  if (!flag) return null;
  await deps.subjects.setFlag(subjectKey(event.workspaceId, event.subjectId), flag, event.status === 'WITHDRAWN');
  return flag;
}
