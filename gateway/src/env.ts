import { parseConfigOrExit } from '@verbatim/kit';
import { z } from 'zod';

const url = z.string().url();

export const gatewayEnvShape = {
  PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IDENTITY_URL: url,
  INGESTION_URL: url,
  ANONYMIZER_URL: url,
  REPORTING_URL: url,
  CONSENT_URL: url,
  RIGHTS_URL: url,
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  /** Upper bound on field selections per operation, fragments expanded and list fields weighted. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000).default(2_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = () => parseConfigOrExit('gateway', gatewayEnvShape);
