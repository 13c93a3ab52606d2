import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

const url = z.string().url();

// The gateway has no database or broker: of the services' variables it takes only these.
const { PORT, HOST, LOG_LEVEL, MAX_QUERY_DEPTH } = serviceEnvShape;

export const gatewayEnvShape = {
  PORT,
  HOST,
  LOG_LEVEL,
  MAX_QUERY_DEPTH,
  IDENTITY_URL: url,
  INGESTION_URL: url,
  ANONYMIZER_URL: url,
  REPORTING_URL: url,
  CONSENT_URL: url,
  RIGHTS_URL: url,
  /** Upper bound on field selections per operation, fragments expanded and list fields weighted. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000).default(2_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = () => parseConfigOrExit('gateway', gatewayEnvShape);
