import { parseInput, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { ERASURE_GROUNDS, type RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { openRequest } from './requests.js';

const groundInput = z.object({ ground: z.enum(ERASURE_GROUNDS, { message: `ground must be one of ${ERASURE_GROUNDS.join(', ')}` }).nullish() });

/**
 * Erasure (Art. 17) with its ground recorded on the request. When every holder finds nothing, the
 * request ends NOT_FOUND instead of COMPLETED (see completion.ts): an unknown subject gets no proof.
 */
export function openErasure(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const { ground } = parseInput(groundInput, raw);
  return openRequest(deps, ctx, 'ERASURE', raw, { doc: { erasureGround: ground ?? null } });
}
