import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const rightsEnvShape = {
  ...subgraphEnvShape,
  /**
   * HMAC key (32 bytes as 64 hex characters) that turns an erased subject's id into a digest. It must
   * stay the same for the lifetime of the proofs, or "was this person erased?" can no longer be answered.
   */
  RIGHTS_DIGEST_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 random bytes)'),
};

export type RightsConfig = ReturnType<typeof loadRightsConfig>;
export const loadRightsConfig = () => parseConfigOrExit('rights', rightsEnvShape);
