import { profileResponses } from '../analysis/profile.js';
import type { LlmReporter } from '../core/generate.js';
import type { AnalysisInput, ReportContent } from '../core/types.js';
import { assembleLlmReport } from './assemble.js';
import { createTokenBudget, plannedTokens } from './budget.js';
import { analyseInChunks } from './chunk-merge.js';
import { chunkResponses } from './chunking.js';
import { createCompletion } from './completion.js';
import { validateLlmConfig, type LlmConfig } from './config.js';
import type { PersonalDataGuard } from './guard.js';
import { prepareOutbound } from './outbound.js';
import type { SubprocessorRegistry } from './subprocessors.js';

export type { LlmReporter } from '../core/generate.js';

export interface LlmReporterDeps {
  config: LlmConfig;
  registry: SubprocessorRegistry;
  guard: PersonalDataGuard;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** First retry delay, doubled each retry, capped at 8 s (default 500 ms). */
  backoffMs?: number;
  /** Prompt tokens of responses per chunk (default 2,500, about 100 short responses). */
  chunkTokens?: number;
  /** Completion tokens allowed per request (default 4,000: a score per response, plus themes). */
  maxOutputTokens?: number;
}

/**
 * Report generation on an OpenAI-compatible endpoint. Every request goes only to a registered
 * subprocessor, carries only text the guard has passed, and stays within the token budget;
 * every text the model returns is redacted before it enters the report.
 */
export function createLlmReporter(deps: LlmReporterDeps): LlmReporter {
  const { config, registry, guard } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoffMs = deps.backoffMs ?? 500;
  const chunkTokens = deps.chunkTokens ?? 2500;
  const maxOutputTokens = deps.maxOutputTokens ?? 4000;

  async function generate(inputs: AnalysisInput[]): Promise<ReportContent> {
    validateLlmConfig(config);
    registry.assertAllowed(config.baseUrl);
    const profiles = profileResponses(inputs);
    const { outbound, notes } = prepareOutbound(profiles, guard);
    const chunks = outbound.length === 0 ? [] : chunkResponses(outbound.map((o) => o.text), chunkTokens);
    const budget = createTokenBudget(config.tokenBudget, plannedTokens(chunks, maxOutputTokens));
    const complete = createCompletion({ config, guard, budget, maxOutputTokens, sleep, backoffMs, fetch: deps.fetch });
    const { themes, summary, scores } = await analyseInChunks(chunks, complete, guard);
    return assembleLlmReport(profiles, outbound, themes, scores, guard.redact(summary).trim(), notes, guard);
  }

  return { generate };
}
