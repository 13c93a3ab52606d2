import type { RequestContext } from '@verbatim/kit';
import { badInput, parseInput } from '@verbatim/kit';
import { z } from 'zod';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { contactFields, openRequest } from './requests.js';

const text = (max: number, what: string) => z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);

const rectificationInput = z.object({
  workspaceId: z.uuid('workspaceId must be a workspace id').nullish(),
  respondentId: z.uuid('respondentId must be a respondent id').nullish(),
  firstName: text(100, 'firstName').nullish(),
  name: text(200, 'name').nullish(),
  email: z.email('email must be a valid email address').max(320).transform((e) => e.toLowerCase()).nullish(),
  externalId: text(200, 'externalId').nullish(),
  statement: text(2000, 'statement').nullish(),
  interests: z
    .array(
      z.object({
        interestId: z.uuid('interestId must be an interest id'),
        theme: text(60, 'theme').nullish(),
        note: z.string().trim().max(500, 'note is at most 500 characters').nullish(),
      }),
    )
    .max(50, 'at most 50 interests at once')
    .nullish(),
  ...contactFields,
});

/**
 * Rectification (Art. 16): a user corrects their first name or their interests; a workspace ADMIN corrects a respondent's
 * name, email or external id. The correction travels in the request to every holder; the optional
 * supplementary statement stays with the request and shows in the person's later access answers.
 */
export async function openRectification(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const { firstName, name, email, externalId, statement, interests: interestInput, workspaceId, respondentId, contactEmail, contactLocale } = parseInput(rectificationInput, raw);
  const selfService = Boolean(ctx.respondent && !ctx.principal);
  const respondent = Boolean(respondentId) || selfService;
  // The external id is the client's own reference: only the client corrects it.
  if (selfService && externalId) throw badInput('Your id at the company is its own reference: ask the company to correct it, or correct your name or email.', { fields: ['externalId'] });
  if (respondent && firstName) throw badInput('A respondent has no first name here: correct name, email or externalId.', { fields: ['firstName'] });
  if (!respondent && (name || email || externalId)) throw badInput('A user corrects their firstName and interests only (their email is their login).', { fields: ['name', 'email', 'externalId'] });
  if (respondent && interestInput?.length) throw badInput('A respondent has no interests here: correct name, email or externalId.', { fields: ['interests'] });
  const interests = (interestInput ?? []).flatMap(({ interestId, theme, note }) =>
    theme || typeof note === 'string' ? [{ interestId, ...(theme ? { theme } : {}), ...(typeof note === 'string' ? { note } : {}) }] : [],
  );
  const correction = respondent
    ? { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(externalId ? { externalId } : {}) }
    : { ...(firstName ? { firstName } : {}), ...(interests.length ? { interests } : {}) };
  if (!Object.keys(correction).length && !statement) throw badInput('Give at least one corrected value, or a supplementary statement.');
  return openRequest(deps, ctx, 'RECTIFICATION', { workspaceId, respondentId, contactEmail, contactLocale }, { payload: { correction }, doc: { statement: statement ?? null } });
}
