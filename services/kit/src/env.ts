import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { registeredSubprocessors } from '@verbatim/contracts';

/** Thrown (in tests) or reported then exited on (in main) when the environment is invalid. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables every service reads. */
export const serviceEnvShape = {
  PORT: z.coerce.number().int().min(1).max(65535),
  /** 127.0.0.1 on a developer machine; 0.0.0.0 in a container so other containers reach it. */
  HOST: z.string().default('127.0.0.1'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// connection string'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_ISSUER: z.string().default('verbatim-identity'),
  JWT_AUDIENCE: z.string().default('verbatim'),
  /** Where identity publishes its public keys; identity itself reads its own keys from its database. */
  JWKS_URL: z.string().url().optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  /** Where the kit's mailer relays mail (the local stack's Mailpit by default; credentials go in the URL). */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:1025').default('smtp://127.0.0.1:1025'),
  /** The From header of every mail, e.g. "Verbatim <no-reply@example.com>". */
  MAIL_FROM: z.string().regex(/@/, 'must be an address, optionally with a name: "Verbatim <no-reply@example.com>"').default('Verbatim <no-reply@verbatim.local>'),
  /** PEM certificate chain and its private key: both set, the service serves https only (checked by parseConfig). */
  TLS_CERT_FILE: z.string().min(1).refine((path) => existsSync(path), 'no such file').optional(),
  TLS_KEY_FILE: z.string().min(1).refine((path) => existsSync(path), 'no such file').optional(),
  /** A rights holder retries a failing strategy this long (ms) before it answers FAILED; 10 minutes outlives a database restart. */
  RIGHTS_RETRY_BUDGET_MS: z.coerce.number().int().min(0).default(600_000),
  /** First wait between two attempts of a rights strategy (ms); it doubles per attempt. */
  RIGHTS_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).default(500),
  /** Longest wait between two attempts (ms); under the Kafka session timeout (30 s). */
  RIGHTS_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(25_000).default(20_000),
  /**
   * SMTP hosts the deployment runs itself (its own relay: not a third party, so not in the subprocessor registry).
   * Any other SMTP_URL host must be a registered EMAIL subprocessor (schemas/privacy/subprocessors.json).
   */
  SMTP_ALLOWED_HOSTS: z
    .string()
    .default('127.0.0.1,localhost,::1')
    .transform((s) => s.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Test stack only: record every query no declared index can serve into <dir>/<service>.jsonl (kit mongo/index-audit.ts). */
  QUERY_INDEX_AUDIT_DIR: z.string().min(1).optional(),
};

/** A certificate without its key (or the reverse) is a mistake, whatever the service. */
function tlsProblems(data: Record<string, unknown>): string[] {
  return Boolean(data['TLS_CERT_FILE']) === Boolean(data['TLS_KEY_FILE']) ? [] : ['TLS_CERT_FILE, TLS_KEY_FILE: set both (a certificate and its key) or neither'];
}

/** The subprocessor gate for mail: personal data (addresses, names) leaves only through a registered provider or our own relay. */
function mailGateProblems(data: Record<string, unknown>): string[] {
  const url = data['SMTP_URL'];
  if (typeof url !== 'string') return [];
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const own = (data['SMTP_ALLOWED_HOSTS'] as string[] | undefined) ?? [];
  const registered = registeredSubprocessors().filter((s) => s.kind === 'EMAIL' && s.host).map((s) => s.host!.toLowerCase());
  if (own.includes(host) || registered.includes(host)) return [];
  return [`SMTP_URL: ${host} is not a registered email subprocessor (schemas/privacy/subprocessors.json: ${registered.join(', ') || 'none'}); a relay this deployment runs itself goes in SMTP_ALLOWED_HOSTS`];
}

/** The certificate and key named by a parsed config, read once at start; none without TLS_CERT_FILE. */
export function readTlsFiles(config: { TLS_CERT_FILE?: string | undefined; TLS_KEY_FILE?: string | undefined }): { cert: Buffer; key: Buffer } | undefined {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return undefined;
  return { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) };
}

/** Every service but identity verifies tokens with identity's published keys, so JWKS_URL is required. */
export const subgraphEnvShape = {
  ...serviceEnvShape,
  JWKS_URL: z.string().url("must be the URL of identity's /.well-known/jwks.json"),
};

/**
 * Rules between variables (one required when another is set, ...) that a per-variable schema cannot say;
 * returns every problem as "VARIABLE: what is wrong", or none.
 */
export type ConfigCheck<C> = (config: C) => string[];

/** Parses the whole environment once; every problem is listed, not only the first. */
export function parseConfig<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
  check?: ConfigCheck<z.infer<z.ZodObject<S>>>,
): Readonly<z.infer<z.ZodObject<S>>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const problems = [...tlsProblems(result.data as Record<string, unknown>), ...mailGateProblems(result.data as Record<string, unknown>), ...(check?.(result.data) ?? [])];
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(result.data);
}

/** For main(): print what is wrong with the environment and exit with status 78 (EX_CONFIG). */
export function parseConfigOrExit<S extends z.ZodRawShape>(
  service: string,
  shape: S,
  check?: ConfigCheck<z.infer<z.ZodObject<S>>>,
): Readonly<z.infer<z.ZodObject<S>>> {
  try {
    return parseConfig(shape, process.env, check);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
