import { HOLDERS } from '@verbatim/contracts';
import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';
import { z } from 'zod';

/**
 * Where each holder serves its published proof keys (its base URL; the keys are at
 * /.well-known/proof-keys.json under it): a JSON object naming every holder, e.g.
 * {"identity":"http://127.0.0.1:4001", ...}. Receipts are verified against these keys only.
 */
const holderUrls = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of holder name to base URL' });
      return z.NEVER;
    }
  })
  .pipe(z.object(Object.fromEntries(HOLDERS.map((h) => [h, z.url({ protocol: /^https?$/, error: `must be the http(s) base URL of ${h}` })])) as Record<(typeof HOLDERS)[number], z.ZodURL>).strict());

export const rightsEnvShape = {
  ...subgraphEnvShape,
  /**
   * HMAC key (32 bytes as 64 hex characters) that turns an erased subject's id into a digest. It must
   * stay the same for the lifetime of the proofs, or "was this person erased?" can no longer be answered.
   */
  RIGHTS_DIGEST_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 random bytes)'),
  RIGHTS_HOLDER_URLS: holderUrls,
  /** How often the watchdog looks at running requests (ms). */
  RIGHTS_WATCHDOG_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** A holder that has not answered this long after being asked is asked again (ms); above a holder's retry budget (10 min). */
  RIGHTS_REASK_AFTER_MS: z.coerce.number().int().min(100).default(15 * 60_000),
  /** Asks (the first included) before a silent holder's task is given up as FAILED (NO_ANSWER), to be retried by a person. */
  RIGHTS_MAX_ASKS: z.coerce.number().int().min(1).max(100).default(5),
  /** A subject's Nth request of the same right within the window (this one included) is flagged as repetitive. */
  RIGHTS_REPETITION_THRESHOLD: z.coerce.number().int().min(2).default(3),
  /** The repetition window, in days. */
  RIGHTS_REPETITION_WINDOW_DAYS: z.coerce.number().int().min(1).default(90),
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
