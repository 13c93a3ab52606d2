import { SUBGRAPHS, type SubgraphName } from '@verbatim/contracts';
import { parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';

const url = z.string().url();

/** Each subgraph's URL comes from <NAME>_URL (IDENTITY_URL, ...). */
export const subgraphUrlVariable = <N extends SubgraphName>(name: N) => `${name.toUpperCase() as Uppercase<N>}_URL` as const;
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [subgraphUrlVariable(name), url])) as {
  [N in SubgraphName as ReturnType<typeof subgraphUrlVariable<N>>]: typeof url;
};

// The gateway has no database or broker: of the services' variables it takes only these.
const { PORT, HOST, LOG_LEVEL, MAX_QUERY_DEPTH } = serviceEnvShape;

export const gatewayEnvShape = {
  PORT,
  HOST,
  LOG_LEVEL,
  MAX_QUERY_DEPTH,
  ...subgraphUrls,
  /** Upper bound on field selections per operation, fragments expanded and list fields weighted. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000).default(2_000),
  /** The built web app (vite build output) to serve at `/`; unset, the gateway serves the graph only. */
  WEB_DIR: z.string().min(1).optional(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = () => parseConfigOrExit('gateway', gatewayEnvShape);
