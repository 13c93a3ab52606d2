import { requireUser, requireWorkspaceRead, type RequestContext } from '@verbatim/kit';
import type { AnonymizerDeps } from './deps.js';

/**
 * Response.anonymization: null while pending, and while the respondent is restricted (stored, not
 * shown: GDPR Art. 18 allows keeping the data, not using it). Tenant-checked on the stored workspace.
 */
export async function getAnonymization(deps: AnonymizerDeps, ctx: RequestContext, responseId: string) {
  requireUser(ctx);
  const doc = await deps.anonymized.findById(responseId);
  if (!doc) return null;
  requireWorkspaceRead(ctx, doc.workspaceId);
  if ((await deps.subjects.findById(doc.pseudonym))?.restricted) return null;
  return doc;
}

/** Dataset.anonymizedCount; a dataset with nothing anonymized yet reveals nothing and counts 0. */
export async function countAnonymized(deps: AnonymizerDeps, ctx: RequestContext, datasetId: string): Promise<number> {
  requireUser(ctx);
  const counted = await deps.datasetCounts.findById(datasetId);
  if (!counted) return 0;
  requireWorkspaceRead(ctx, counted.workspaceId);
  return counted.anonymized;
}
