import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const rightsEnvShape = {
  ...subgraphEnvShape,
  /**
   * HMAC key (32 bytes as 64 hex characters) that turns an erased subject's id into a digest. It must
   * stay the same for the lifetime of the proofs, or "was this person erased?" can no longer be answered.
   */
  RIGHTS_DIGEST_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 random bytes)'),
  /** Minutes a portability download link stays valid once the archive is ready. */
  PORTABILITY_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(24 * 60),
  /** Attempts to send an archive to another controller's endpoint, and the first backoff between them (doubled each time). */
  PORTABILITY_TRANSMIT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  PORTABILITY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /**
   * A PEM file of extra CA certificates trusted for destinations besides the system's. Unset in
   * production; the test stack names the test receiver's self-signed certificate. Never a way to allow http.
   */
  PORTABILITY_TRUSTED_CA_FILE: z.string().min(1).optional(),
};

export type RightsConfig = ReturnType<typeof loadRightsConfig>;
export const loadRightsConfig = () => parseConfigOrExit('rights', rightsEnvShape);
