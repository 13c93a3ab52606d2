import { SUBGRAPHS, type SubgraphName } from '@verbatim/contracts';
import { parseConfigOrExit } from '@verbatim/kit';
import { z } from 'zod';

const url = z.string().url();

/** Each subgraph's URL comes from <NAME>_URL (IDENTITY_URL, ...). */
export const subgraphUrlVariable = <N extends SubgraphName>(name: N) => `${name.toUpperCase() as Uppercase<N>}_URL` as const;
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [subgraphUrlVariable(name), url])) as {
  [N in SubgraphName as ReturnType<typeof subgraphUrlVariable<N>>]: typeof url;
};

export const gatewayEnvShape = {
  PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...subgraphUrls,
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  /** Upper bound on field selections per operation, fragments expanded and list fields weighted. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000).default(2_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = () => parseConfigOrExit('gateway', gatewayEnvShape);
