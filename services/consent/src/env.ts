import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const consentEnvShape = {
  ...serviceEnvShape,
  /** Consent verifies identity's tokens with its published keys, so the JWKS address is required here. */
  JWKS_URL: z.string().url('must be the URL of identity\'s /.well-known/jwks.json'),
};

export type ConsentConfig = ReturnType<typeof loadConsentConfig>;
export const loadConsentConfig = () => parseConfigOrExit('consent', consentEnvShape);
