import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

/** Identity's own settings; every one has a default, so tests can give only what they change. */
export const identitySettingsShape = {
  /** Access tokens are short-lived; revocation reaches every subgraph within seconds anyway (deny list). */
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(300),
  /** A sign-in (refresh-token family) ends this long after login, however often it is refreshed. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86_400).default(30 * 86_400),
  /** Where the web app opens emailed links: <WEB_APP_URL>/verify-email#token=..., /reset-password, /invitation. */
  WEB_APP_URL: z.string().url().default('http://127.0.0.1:5173'),
  /** A new signing key after this long; the old one still verifies for KEY_OVERLAP_SECONDS. */
  KEY_ROTATION_SECONDS: z.coerce.number().int().min(3_600).default(30 * 86_400),
  /** At least the access-token lifetime, so no token signed with a retired key is refused before it expires. */
  KEY_OVERLAP_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** Argon2id hashes at once (19 MiB each) and callers allowed to wait for one; beyond, SERVICE_BUSY. */
  HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  /** The longest staff access grant a workspace ADMIN can approve (need-to-know: days, not weeks). */
  ACCESS_GRANT_MAX_MINUTES: z.coerce.number().int().min(5).max(30 * 1_440).default(72 * 60),
  /** The longest break-glass access a DPO or PLATFORM_ADMIN can open without an ADMIN's approval. */
  BREAK_GLASS_MAX_MINUTES: z.coerce.number().int().min(5).max(1_440).default(4 * 60),
  /** Ingestion's base URL: identity asks it which respondent a verified email names (POST /internal/respondent-lookup). */
  INGESTION_URL: z.string().url().default('http://127.0.0.1:4002'),
  /** A respondent's one-time code lives this long, and may be tried this many times. */
  RESPONDENT_CODE_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(600),
  RESPONDENT_CODE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** A respondent's session (no refresh: they verify their email again). */
  RESPONDENT_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(1_800),
};

export const identityEnvShape = { ...serviceEnvShape, ...identitySettingsShape };

export type IdentitySettings = z.infer<z.ZodObject<typeof identitySettingsShape>>;
export const identitySettings = (given: Partial<IdentitySettings> = {}): IdentitySettings => z.object(identitySettingsShape).parse(given);

export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;
export const loadIdentityConfig = () =>
  parseConfigOrExit('identity', identityEnvShape, (c) =>
    c.KEY_OVERLAP_SECONDS < c.TOKEN_TTL_SECONDS ? ['KEY_OVERLAP_SECONDS: must be at least TOKEN_TTL_SECONDS, or tokens signed with a retired key are refused early'] : [],
  );
