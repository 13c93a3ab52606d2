import { sendJson, verifyRespondentLookup, type remoteKeys, type RequestContext, type RespondentLookupAnswer, type RespondentLookupClaims, type RouteHandler } from '@verbatim/kit';
import type { IngestionDeps } from '../domain/deps.js';

const refuse = (status: number, code: string, message: string) => ({ status, body: { errors: [{ message, extensions: { code } }] } });

/**
 * POST /internal/respondent-lookup from identity (see the kit's respondent-lookup.ts): which respondent
 * an email names in a workspace. Only a question signed by identity for this audience is answered.
 */
export function respondentLookupRoute(deps: IngestionDeps, verification: { keys: ReturnType<typeof remoteKeys>; issuer: string } | undefined): RouteHandler<RequestContext> {
  return async (req, res) => {
    if (req.method !== 'POST') return void sendJson(res, 405, refuse(405, 'METHOD_NOT_ALLOWED', 'POST only.').body);
    if (!verification) return void sendJson(res, 503, refuse(503, 'SERVICE_UNAVAILABLE', 'Respondent lookups are not configured here.').body);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    let question: RespondentLookupClaims;
    try {
      question = await verifyRespondentLookup(token, verification.keys, verification.issuer);
    } catch {
      return void sendJson(res, 401, refuse(401, 'UNAUTHENTICATED', 'Only identity may ask this.').body);
    }
    const respondent = await deps.respondents.findOldestByEmail(question.ws, question.email.toLowerCase());
    const answer: RespondentLookupAnswer = { respondentId: respondent?._id ?? null };
    sendJson(res, 200, answer);
  };
}
