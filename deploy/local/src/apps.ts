import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { smtpUrl } from './mailpit.js';
import { root } from './paths.js';
import { HOLDERS, SERVICES as serviceNames, type ServiceName } from '@verbatim/contracts';
import type { Ports, Profile } from './ports.js';
import type { Secrets } from './secrets.js';

/** One Node process of the stack: a subgraph service or the gateway. */
export interface App {
  name: ServiceName | 'gateway' | 'fake-llm';
  /** Entry file, relative to the repository root; run with tsx. */
  entry: string;
  port: number;
  env: Record<string, string>;
}

export const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
/** The web app, served by the gateway at its origin. */
export const webAppUrl = (port: number) => `http://127.0.0.1:${port}/`;

/**
 * Each service owns its database: verbatim_<service>. The driver's default pool: the database contract
 * suite (services/kit/test/database-contract.int.spec.ts) shows concurrent updates are not lost.
 */
export const mongoUrl = (ports: Ports, database: string) => `mongodb://127.0.0.1:${ports.mongo}/${database}`;

export function kafkaBrokers(ports: Ports): string {
  return `127.0.0.1:${ports.kafka}`;
}

export function services(ports: Ports, secrets: Secrets, logLevel: string, queryAuditDir?: string): App[] {
  return serviceNames.map((name) => ({
    name,
    entry: `services/${name}/src/index.ts`,
    port: ports.services[name],
    env: {
      PORT: String(ports.services[name]),
      MONGO_URL: mongoUrl(ports, `verbatim_${name}`),
      KAFKA_BROKERS: kafkaBrokers(ports),
      LOG_LEVEL: logLevel,
      ...(queryAuditDir ? { QUERY_INDEX_AUDIT_DIR: queryAuditDir } : {}),
      JWKS_URL: `http://127.0.0.1:${ports.services.identity}/.well-known/jwks.json`,
      ...mailEnv(ports),
      // Each key only to the service that uses it.
      ...(name === 'anonymizer' ? { ANONYMIZER_PSEUDONYM_KEY: secrets.ANONYMIZER_PSEUDONYM_KEY } : {}),
      // Identity asks ingestion which respondent a verified email names (a respondent's own session).
      ...(name === 'identity' ? { INGESTION_URL: `http://127.0.0.1:${ports.services.ingestion}` } : {}),
      ...(name === 'rights' ? { RIGHTS_DIGEST_KEY: secrets.RIGHTS_DIGEST_KEY, RIGHTS_HOLDER_URLS: holderUrls(ports) } : {}),
      ...(name === 'reporting' ? testLlmEnv(ports) : {}),
      ...(name === 'rights' ? testPortabilityEnv(ports) : {}),
    },
  }));
}

/** Where rights reads each holder's published proof keys (see services/rights/src/env.ts). */
function holderUrls(ports: Ports): string {
  return JSON.stringify(Object.fromEntries(HOLDERS.map((h) => [h, `http://127.0.0.1:${ports.services[h]}`])));
}

/** Every service may send mail (through the kit's mailer) to the stack's Mailpit. */
function mailEnv(ports: Ports): Record<string, string> {
  return { SMTP_URL: smtpUrl(ports.mail.smtp), MAIL_FROM: 'Verbatim <no-reply@verbatim.local>' };
}

/**
 * Under test, reporting's LLM backend talks to the fake endpoint, registered as a subprocessor on this
 * machine. Under `npm start`, LLM_BASE_URL, LLM_API_KEY, LLM_MODEL and SUBPROCESSORS_EXTRA come from the
 * caller's environment (every process inherits it), and without them reports use the embedded analyzer.
 */
function testLlmEnv(ports: Ports): Record<string, string> {
  if (!ports.fakeLlm) return {};
  return {
    LLM_BASE_URL: `http://127.0.0.1:${ports.fakeLlm}/v1`,
    LLM_API_KEY: 'test-key',
    LLM_MODEL: 'fake-model',
    // The fake endpoint speaks plain http on 127.0.0.1; reporting allows that for loopback only when told to.
    LLM_ALLOW_LOOPBACK_HTTP: 'true',
    SUBPROCESSORS_EXTRA: JSON.stringify([
      { name: 'Test endpoint on this machine', purpose: 'AI report generation (tests)', host: '127.0.0.1', location: 'this machine', country: 'FR', safeguard: 'EU' },
    ]),
  };
}

/**
 * Under test, rights also trusts the self-signed certificate of the receiving controller that the
 * portability tests run on this machine (https stays the only scheme), and retries sooner.
 */
function testPortabilityEnv(ports: Ports): Record<string, string> {
  if (!ports.fakeLlm) return {};
  return { PORTABILITY_TRUSTED_CA_FILE: join(root, 'test/fixtures/portability-receiver.crt'), PORTABILITY_RETRY_BASE_MS: '50', PORTABILITY_TRANSMIT_ATTEMPTS: '3' };
}

/** The fake OpenAI-compatible endpoint of the test profile (a test double of an external LLM API). */
export function fakeLlm(ports: Ports): App | undefined {
  if (!ports.fakeLlm) return undefined;
  return { name: 'fake-llm', entry: 'services/reporting/test/llm/fake-openai-main.ts', port: ports.fakeLlm, env: { PORT: String(ports.fakeLlm) } };
}

/**
 * The gateway; given the built web app's folder, it also serves the app at its origin's `/`. Every
 * caller of a local stack is 127.0.0.1 (the browser, jest's workers, a bench's clients), so the test and
 * bench profiles lift the per-address limit; a test of that limit starts its own gateway.
 */
export function gateway(ports: Ports, logLevel: string, profile: Profile, webDir?: string): App {
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
      ...(profile === 'dev' ? {} : { RATE_LIMIT_PER_ADDRESS: '1000000' }),
      ...(webDir ? { WEB_DIR: webDir } : {}),
    },
  };
}

export function entryExists(app: App): boolean {
  return existsSync(join(root, app.entry));
}
