import { AppError, RESPONDENT_LOOKUP_AUDIENCE, RESPONDENT_LOOKUP_ROUTE, RESPONDENT_LOOKUP_TYPE, type RespondentLookupAnswer } from '@verbatim/kit';
import type { IdentityDeps } from './deps.js';

const LOOKUP_TIMEOUT_MS = 5_000;

/** Which respondent `email` names in the workspace, asked of ingestion (see the kit's respondent-lookup.ts). */
export async function lookUpRespondent(deps: Pick<IdentityDeps, 'keys' | 'settings'>, workspaceId: string, email: string): Promise<string | null> {
  const { token } = await deps.keys.sign({ subject: 'identity', claims: { ws: workspaceId, email }, type: RESPONDENT_LOOKUP_TYPE, audience: RESPONDENT_LOOKUP_AUDIENCE, ttlSeconds: 60 });
  const unavailable = () => new AppError('SERVICE_UNAVAILABLE', 'Your email cannot be checked right now: try again in a minute.');
  let res: Response;
  try {
    res = await fetch(new URL(RESPONDENT_LOOKUP_ROUTE, deps.settings.INGESTION_URL), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
  } catch {
    throw unavailable();
  }
  if (!res.ok) throw unavailable();
  const answer = (await res.json()) as RespondentLookupAnswer;
  return typeof answer.respondentId === 'string' ? answer.respondentId : null;
}
