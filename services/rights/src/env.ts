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
};

export type RightsConfig = ReturnType<typeof loadRightsConfig>;
export const loadRightsConfig = () => parseConfigOrExit('rights', rightsEnvShape);
