import { notFound, requireUser, requireWorkspaceRead, type RequestContext } from '@verbatim/kit';
import type { RespondentDoc } from '../model/respondent.schema.js';
import type { IngestionDeps } from './deps.js';

export async function getRespondent(deps: IngestionDeps, ctx: RequestContext, id: string): Promise<RespondentDoc> {
  requireUser(ctx);
  const respondent = await deps.respondents.findById(id);
  if (!respondent) throw notFound('The respondent');
  requireWorkspaceRead(ctx, respondent.workspaceId);
  return respondent;
}

/** null when the client's id is unknown in this workspace (a request may name someone never ingested). */
export async function findRespondent(deps: IngestionDeps, ctx: RequestContext, workspaceId: string, externalId: string) {
  requireWorkspaceRead(ctx, workspaceId);
  return deps.respondents.findByExternalId(workspaceId, externalId.trim());
}
