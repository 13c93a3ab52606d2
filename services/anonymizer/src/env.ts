import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';
import { z } from 'zod';

export const anonymizerEnvShape = {
  ...subgraphEnvShape,
  /** HMAC-SHA256 key of respondent pseudonyms (32 bytes as 64 hex). Changing it changes every pseudonym. */
  ANONYMIZER_PSEUDONYM_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 random bytes)'),
};

export type AnonymizerConfig = ReturnType<typeof loadAnonymizerConfig>;
export const loadAnonymizerConfig = () => parseConfigOrExit('anonymizer', anonymizerEnvShape);
