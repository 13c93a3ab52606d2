import { AppError, badInput, parseInput, requirePlatformRole, requireWorkspace, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { OBJECTION_PURPOSES, type RightsObjection } from '@verbatim/contracts';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { getRequest, openRequest } from './requests.js';

const purposes = z
  .array(z.enum(OBJECTION_PURPOSES, { message: `each purpose must be one of ${OBJECTION_PURPOSES.join(', ')}` }))
  .min(1, 'name at least one purpose to object to')
  .max(OBJECTION_PURPOSES.length)
  .transform((list) => [...new Set(list)].sort());

const objectionInput = z.object({ purposes });

/**
 * Objection (Art. 21, and Art. 22 for AI processing), per purpose: every holder records it, and what it
 * does on legitimate interest for that purpose stops for the subject (reporting leaves a respondent out
 * of new reports, or of LLM reports; the anonymizer leaves them out of the training export; identity
 * sends a user no mail that the law does not require). Only a recorded overriding ground lifts it.
 */
export async function openObjection(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const input = parseInput(objectionInput, raw);
  return openRequest(deps, ctx, 'OBJECTION', raw, { payload: { objection: { purposes: input.purposes as RightsObjection['purposes'], overridden: false } }, doc: { objectionPurposes: input.purposes } });
}

const overrideInput = z.object({
  objectionRequestId: z.uuid('objectionRequestId must be the id of an OBJECTION request'),
  purpose: z.enum(OBJECTION_PURPOSES, { message: `purpose must be one of ${OBJECTION_PURPOSES.join(', ')}` }),
  justification: z.string().trim().min(30, 'justification must state the compelling legitimate grounds (at least 30 characters)').max(4_000),
});

/**
 * Art. 21(1): processing continues only on "compelling legitimate grounds which override the interests,
 * rights and freedoms of the data subject". Recorded by an authorised person (for a respondent, an ADMIN
 * of the client's workspace, the controller of their data) with its justification; the override is a
 * request of its own, fanned out to the holders like the objection, so processing resumes everywhere.
 * A user's objection is overridden by the platform's DPO, the controller of users' data.
 */
export async function recordOverridingGround(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const input = parseInput(overrideInput, raw);
  const objection = await getRequest(deps, ctx, input.objectionRequestId);
  if (objection.kind !== 'OBJECTION' || objection.overridingGround) throw badInput(`Request ${objection._id} is not an objection; give the id of the OBJECTION request the ground overrides.`);
  if (!objection.subjectId) throw badInput(`The objection ${objection._id} ended with an erasure: there is no one left to override it for.`);
  // A respondent's objection is the client's to override; a user's, the platform's as controller (its DPO).
  const decider = objection.subjectType === 'RESPONDENT' && objection.workspaceId ? requireWorkspace(ctx, objection.workspaceId, 'ADMIN') : requirePlatformRole(ctx, 'DPO');
  if (!objection.objectionPurposes?.includes(input.purpose)) {
    throw new AppError('BAD_USER_INPUT', `The objection ${objection._id} is not about ${input.purpose}; it covers ${(objection.objectionPurposes ?? []).join(', ')}.`, { fields: ['purpose'] });
  }
  return openRequest(
    deps,
    ctx,
    'OBJECTION',
    objection.subjectType === 'RESPONDENT' ? { workspaceId: objection.workspaceId, respondentId: objection.subjectId } : { userId: objection.subjectId },
    {
      payload: { objection: { purposes: [input.purpose], overridden: true } },
      doc: {
        objectionPurposes: [input.purpose],
        overridingGround: { objectionRequestId: objection._id, purpose: input.purpose, justification: input.justification, decidedBy: decider.userId, decidedAt: new Date() },
      },
    },
  );
}
