import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.js';
import { serviceNames, type Ports, type ServiceName } from './ports.js';
import type { Secrets } from './secrets.js';

/** One Node process of the stack: a subgraph service or the gateway. */
export interface App {
  name: ServiceName | 'gateway';
  /** Entry file, relative to the repository root; run with tsx. */
  entry: string;
  port: number;
  env: Record<string, string>;
}

export const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

/** Each service owns its database: verbatim_<service>. */
export const mongoUrl = (ports: Ports, database: string) => `mongodb://127.0.0.1:${ports.ferretdb}/${database}`;

export function kafkaBrokers(ports: Ports): string {
  return `127.0.0.1:${ports.kafka}`;
}

export function services(ports: Ports, secrets: Secrets, logLevel: string): App[] {
  return serviceNames.map((name) => ({
    name,
    entry: `services/${name}/src/index.ts`,
    port: ports.services[name],
    env: {
      PORT: String(ports.services[name]),
      MONGO_URL: mongoUrl(ports, `verbatim_${name}`),
      KAFKA_BROKERS: kafkaBrokers(ports),
      LOG_LEVEL: logLevel,
      JWKS_URL: `http://127.0.0.1:${ports.services.identity}/.well-known/jwks.json`,
      // Each key only to the service that uses it.
      ...(name === 'anonymizer' ? { ANONYMIZER_PSEUDONYM_KEY: secrets.ANONYMIZER_PSEUDONYM_KEY } : {}),
      ...(name === 'rights' ? { RIGHTS_DIGEST_KEY: secrets.RIGHTS_DIGEST_KEY } : {}),
    },
  }));
}

export function gateway(ports: Ports, logLevel: string): App {
  const url = (name: ServiceName) => graphqlUrl(ports.services[name]);
  return {
    name: 'gateway',
    entry: 'gateway/src/index.ts',
    port: ports.gateway,
    env: {
      PORT: String(ports.gateway),
      LOG_LEVEL: logLevel,
      JWKS_URL: `http://127.0.0.1:${ports.services.identity}/.well-known/jwks.json`,
      IDENTITY_URL: url('identity'),
      INGESTION_URL: url('ingestion'),
      ANONYMIZER_URL: url('anonymizer'),
      REPORTING_URL: url('reporting'),
      CONSENT_URL: url('consent'),
      RIGHTS_URL: url('rights'),
    },
  };
}

export function entryExists(app: App): boolean {
  return existsSync(join(root, app.entry));
}
