import { existsSync } from 'node:fs';
import { SUBGRAPHS, type SubgraphName } from '@verbatim/contracts';
import { parseConfig, parseConfigOrExit, serviceEnvShape } from '@verbatim/kit';
import { z } from 'zod';
import { PARTNER_MANIFEST_FILE } from './trusted-documents.js';

const url = z.string().url();

/** Each subgraph's URL comes from <NAME>_URL (IDENTITY_URL, ...). */
export const subgraphUrlVariable = <N extends SubgraphName>(name: N) => `${name.toUpperCase() as Uppercase<N>}_URL` as const;
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [subgraphUrlVariable(name), url])) as {
  [N in SubgraphName as ReturnType<typeof subgraphUrlVariable<N>>]: typeof url;
};

// The gateway has no database or broker: of the services' variables it takes only these.
const { PORT, HOST, LOG_LEVEL, MAX_QUERY_DEPTH, JWT_ISSUER, JWT_AUDIENCE, TLS_CERT_FILE, TLS_KEY_FILE } = serviceEnvShape;

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
const file = z.string().min(1).refine((path) => existsSync(path), 'no such file');

export const gatewayEnvShape = {
  PORT,
  HOST,
  LOG_LEVEL,
  MAX_QUERY_DEPTH,
  JWT_ISSUER,
  JWT_AUDIENCE,
  ...subgraphUrls,
  /** production: introspection is refused to everyone; otherwise it is open to callers with a valid token. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Identity's public keys: the gateway reads who calls (a user, an API client, nobody) to apply its own rules. */
  JWKS_URL: z.string().url("must be the URL of identity's /.well-known/jwks.json"),
  /** Upper bound on field selections per operation, fragments expanded and list fields weighted. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000).default(2_000),
  /** GraphQL requests per minute from one network address, whoever sends them. */
  RATE_LIMIT_PER_ADDRESS: perMinute(600),
  /** GraphQL requests per minute from one partner API client (its token's client_id), from any address. */
  RATE_LIMIT_PER_CLIENT: perMinute(120),
  /** The operations partner API clients may run (a persisted-query manifest, built by `pnpm trusted-documents`). */
  TRUSTED_DOCUMENTS_FILE: file.default(PARTNER_MANIFEST_FILE),
  /** PEM certificate chain and private key: both set, the gateway serves https only. */
  TLS_CERT_FILE,
  TLS_KEY_FILE,
  /** The built web app (vite build output) to serve at `/`; unset, the gateway serves the graph only. */
  WEB_DIR: z.string().min(1).optional(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
/** Parses and cross-checks the environment; throws ConfigError listing every problem. */
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) => parseConfig(gatewayEnvShape, env);
/** For main(): report what is wrong and exit with status 78 (EX_CONFIG). */
export const loadGatewayConfigOrExit = () => parseConfigOrExit('gateway', gatewayEnvShape);
