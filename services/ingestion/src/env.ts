import { parseConfigOrExit, subgraphEnvShape } from '@verbatim/kit';
import { z } from 'zod';
import { DEFAULT_IMPORT_MAX_BYTES } from './http/import-route.js';

export const ingestionEnvShape = {
  ...subgraphEnvShape,
  /** Largest file import accepted, in bytes (default 2 GiB); a larger Content-Length is refused before reading. */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1).default(DEFAULT_IMPORT_MAX_BYTES),
};

export type IngestionConfig = ReturnType<typeof loadIngestionConfig>;
export const loadIngestionConfig = () => parseConfigOrExit('ingestion', ingestionEnvShape);
