import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const identityEnvShape = {
  ...serviceEnvShape,
  /** Access tokens are short-lived: they carry workspace roles, so a removed member loses access within this time. */
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
};

export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;
export const loadIdentityConfig = () => parseConfigOrExit('identity', identityEnvShape);
