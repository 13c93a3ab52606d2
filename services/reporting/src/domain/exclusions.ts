import type { SubjectDoc } from '../model/subject.schema.js';
import { subjectKey } from '../model/subject.repository.js';
import type { ReportBackend } from '../model/report.schema.js';

/**
 * Whether a respondent's responses may go into a new report: not under restriction (Art. 18), no
 * objection to analysis (Art. 21: withdrawn ANALYSIS consent or an ANALYSIS objection), and for an LLM
 * report no withdrawn AI_PROCESSING consent nor AI_PROCESSING objection (Art. 22).
 */
export function isExcluded(subject: SubjectDoc | undefined, backend: ReportBackend): boolean {
  if (!subject) return false;
  const objects = (purpose: string) => subject.objections?.includes(purpose) ?? false;
  return subject.restricted || subject.analysisWithdrawn || objects('ANALYSIS') || (backend === 'LLM' && (subject.aiProcessingWithdrawn || objects('AI_PROCESSING')));
}

/** Keeps the items whose respondent may be analyzed; subjects absent from the list have no limitation. */
export function keepAnalyzable<T extends { workspaceId: string; respondentId: string }>(items: T[], subjects: SubjectDoc[], backend: ReportBackend): T[] {
  const byKey = new Map(subjects.map((s) => [s._id, s]));
  return items.filter((item) => !isExcluded(byKey.get(subjectKey(item.workspaceId, item.respondentId)), backend));
}

/** Highest dataset version among the responses a report uses. */
export function datasetVersionOf(items: Array<{ datasetVersion: number }>): number {
  return items.reduce((max, item) => Math.max(max, item.datasetVersion), 0);
}
