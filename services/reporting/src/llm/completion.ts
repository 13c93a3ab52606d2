import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ReportingError, isReportingError } from '../core/errors.js';
import type { TokenBudget } from './budget.js';
import { estimateTokens } from './chunking.js';
import type { LlmConfig } from './config.js';
import type { PersonalDataGuard } from './guard.js';
import { parseJson } from './schema.js';

/** One structured request: the model must answer JSON matching `schema`; `parse` validates it. */
export interface CompletionRequest {
  system: string;
  user: string;
  schemaName: string;
  schema: object;
  parse: (value: unknown) => unknown;
}

export type Complete = (request: CompletionRequest) => Promise<unknown>;

export interface CompletionDeps {
  config: LlmConfig;
  guard: PersonalDataGuard;
  budget: TokenBudget;
  maxOutputTokens: number;
  /** Waits between retries. */
  sleep: (ms: number) => Promise<void>;
  /** First retry delay, doubled each retry, capped at 8 s. */
  backoffMs: number;
  fetch?: typeof fetch | undefined;
}

function retryable(error: unknown): boolean {
  if (isReportingError(error, 'LLM_BAD_OUTPUT') || isReportingError(error, 'LLM_TIMEOUT')) return true;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return false;
}

function asReportingError(error: unknown): ReportingError {
  if (error instanceof ReportingError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ReportingError('LLM_TIMEOUT', 'The LLM endpoint did not answer in time; raise timeoutMs or use the embedded analyzer.', { cause: error });
  }
  if (error instanceof APIError) {
    const status = error.status === undefined ? 'no status' : `HTTP ${error.status}`;
    return new ReportingError('LLM_UNAVAILABLE', `The LLM endpoint failed (${status}); check its URL, key and model, or use the embedded analyzer.`, { cause: error });
  }
  return new ReportingError('LLM_UNAVAILABLE', 'The LLM endpoint could not be reached; check its URL or use the embedded analyzer.', { cause: error });
}

/**
 * The completion call on an OpenAI-compatible endpoint: the guard checks the assembled request, each
 * attempt has its own timeout, retryable failures are retried with exponential backoff, and every
 * attempt is charged to the report's token budget. Failures come out as ReportingErrors.
 */
export function createCompletion(deps: CompletionDeps): Complete {
  const { config, guard, budget, maxOutputTokens, sleep, backoffMs } = deps;
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Self-hosted servers often take no key, but the client insists on one; it is sent and ignored.
    apiKey: config.apiKey === '' ? 'no-key' : config.apiKey,
    // Explicit nulls keep the client from reading OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
    organization: null,
    project: null,
    // Backstop only: the per-request timer below is the one that fires.
    timeout: config.timeoutMs + 1000,
    maxRetries: 0,
    logLevel: 'off',
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  return async ({ system, user, schemaName, schema, parse }) => {
    // Last line of defence: the assembled request itself is checked, whatever was checked before.
    guard.assertClean(system);
    guard.assertClean(user);
    const promptTokens = estimateTokens(system) + estimateTokens(user) + estimateTokens(JSON.stringify(schema));
    let lastError: unknown;
    for (let attempt = 0; attempt <= config.maxRetries; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(8000, backoffMs * 2 ** (attempt - 1)));
      budget.assertRoomFor(promptTokens + maxOutputTokens, lastError);
      // Our own timer decides what a timeout is: how an aborted fetch surfaces differs between runtimes.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, config.timeoutMs);
      try {
        const completion = await client.chat.completions.create(
          {
            model: config.model,
            temperature: 0,
            max_tokens: maxOutputTokens,
            response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema: schema as Record<string, unknown> } },
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: user },
            ],
          },
          { signal: controller.signal },
        );
        // A proxy or a non-compatible server can answer 200 with something else entirely.
        if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
          budget.spend(promptTokens);
          throw new ReportingError('LLM_BAD_OUTPUT', 'The endpoint did not answer like an OpenAI-compatible chat completions API; check the base URL.');
        }
        const usage = completion.usage?.total_tokens;
        budget.spend(typeof usage === 'number' && usage > 0 ? usage : promptTokens + estimateTokens(completion.choices[0]?.message?.content ?? ''));
        if (completion.choices[0]?.finish_reason === 'length') {
          throw new ReportingError('LLM_BAD_OUTPUT', `The model's answer was cut at ${maxOutputTokens} tokens; lower chunkTokens or raise maxOutputTokens.`);
        }
        return parse(parseJson(completion.choices[0]?.message?.content));
      } catch (error) {
        if (timedOut) {
          budget.spend(promptTokens);
          lastError = new ReportingError('LLM_TIMEOUT', `The LLM endpoint did not answer within ${config.timeoutMs} ms; raise timeoutMs or use the embedded analyzer.`, { cause: error });
          continue;
        }
        // A request that failed before any answer may still have used its prompt.
        if (error instanceof APIConnectionError) budget.spend(promptTokens);
        lastError = error;
        if (!retryable(error)) break;
      } finally {
        clearTimeout(timer);
      }
    }
    throw asReportingError(lastError);
  };
}
