import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const ingestionEnvShape = {
  ...serviceEnvShape,
  /** Required here: ingestion does not sign tokens, it verifies them with identity's published keys. */
  JWKS_URL: z.string().url(),
};

export type IngestionConfig = ReturnType<typeof loadIngestionConfig>;
export const loadIngestionConfig = () => parseConfigOrExit('ingestion', ingestionEnvShape);
