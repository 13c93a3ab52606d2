import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const rightsEnvShape = {
  ...serviceEnvShape,
  /** Rights verifies identity's tokens with its published keys, so the JWKS address is required here. */
  JWKS_URL: z.string().url('must be the URL of identity\'s /.well-known/jwks.json'),
  /**
   * HMAC key (32 bytes as 64 hex characters) that turns an erased subject's id into a digest. It must
   * stay the same for the lifetime of the proofs, or "was this person erased?" can no longer be answered.
   */
  RIGHTS_DIGEST_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 random bytes)'),
};

export type RightsConfig = ReturnType<typeof loadRightsConfig>;
export const loadRightsConfig = () => parseConfigOrExit('rights', rightsEnvShape);
