import { AppError, forbidden, requireWorkspace, type Principal, type RequestContext } from '@verbatim/kit';
import type { RightsRequestDoc } from '../model/request.schema.js';

/**
 * Who decides for the controller on a request (extension, refusal, fee): an ADMIN of the respondent's
 * workspace. A user's request about themself has no such person on the platform (there is no operator
 * role), so these decisions are FORBIDDEN on it.
 */
export function requireDecider(ctx: RequestContext, request: RightsRequestDoc): Principal {
  if (!request.workspaceId) throw forbidden("Only a workspace ADMIN decides on a respondent's request; a user's own request cannot be extended, refused or charged here.");
  return requireWorkspace(ctx, request.workspaceId, 'ADMIN');
}

/** The request is not in a state that allows this; the message says which state would. */
export const wrongState = (message: string, details?: Record<string, unknown>) => new AppError('PRECONDITION_FAILED', message, details);
