import { parseConfig, parseConfigOrExit, subgraphEnvShape, type ConfigCheck } from '@verbatim/kit';
import { z } from 'zod';

/** One extra subprocessor (e.g. a self-hosted endpoint); fully checked by the registry at start. */
const subprocessorEntry = z.object({
  name: z.string().min(1),
  purpose: z.string().min(1),
  host: z.string().min(1),
  location: z.string().min(1),
  country: z.string().length(2),
  safeguard: z.enum(['EU', 'ADEQUACY', 'SCC']),
});

const jsonList = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {name, purpose, host, location, country, safeguard}' });
      return z.NEVER;
    }
  })
  .pipe(z.array(subprocessorEntry));

export const reportingEnvShape = {
  ...subgraphEnvShape,
  /** OpenAI-compatible endpoint of a registered subprocessor; without it the LLM backend falls back to EMBEDDED. */
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  /** Upper bound of prompt tokens one report may send; above it the report falls back to EMBEDDED. */
  LLM_TOKEN_BUDGET: z.coerce.number().int().min(1_000).max(10_000_000).default(200_000),
  SUBPROCESSORS_EXTRA: jsonList.default([]),
  /**
   * "true" lets LLM_BASE_URL be plain http: on a loopback address (127.0.0.0/8, ::1, localhost), for the
   * test stack's fake endpoint on this machine; a subprocessor anywhere else is reached over https only.
   */
  LLM_ALLOW_LOOPBACK_HTTP: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
};

export type ReportingConfig = ReturnType<typeof loadReportingConfig>;

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Customer text goes to the LLM endpoint: over TLS, except to this machine when explicitly allowed. */
function transportProblems(baseUrl: string, allowLoopbackHttp: boolean): string[] {
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol === 'https:') return [];
  if (protocol === 'http:' && allowLoopbackHttp && isLoopback(hostname)) return [];
  return [`LLM_BASE_URL: must be an https: URL (a subprocessor receives customer text); plain http: is allowed only on a loopback address with LLM_ALLOW_LOOPBACK_HTTP=true`];
}

/** The LLM variables come as a set: an endpoint needs a model, and a key or model needs an endpoint. */
const checkLlmSettings: ConfigCheck<z.infer<z.ZodObject<typeof reportingEnvShape>>> = (config) => [
  ...(config.LLM_BASE_URL ? transportProblems(config.LLM_BASE_URL, config.LLM_ALLOW_LOOPBACK_HTTP) : []),
  ...(config.LLM_BASE_URL && !config.LLM_MODEL ? ['LLM_MODEL: required when LLM_BASE_URL is set'] : []),
  ...(!config.LLM_BASE_URL && (config.LLM_API_KEY || config.LLM_MODEL) ? ['LLM_BASE_URL: required when LLM_API_KEY or LLM_MODEL is set'] : []),
];

/** Parses and cross-checks the environment; throws ConfigError listing every problem. */
export const loadReportingConfig = (env: NodeJS.ProcessEnv = process.env) => parseConfig(reportingEnvShape, env, checkLlmSettings);

/** For main(): report what is wrong and exit with status 78 (EX_CONFIG). */
export const loadReportingConfigOrExit = () => parseConfigOrExit('reporting', reportingEnvShape, checkLlmSettings);
