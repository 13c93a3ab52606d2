import { analyzeResponses } from '../analysis/index.js';
import { generateReport, type AnalysisInput, type LlmReporter } from '../core/index.js';
import { createLlmReporter, createPersonalDataGuard, createSubprocessorRegistry, DEFAULT_SUBPROCESSORS, type SubprocessorRegistry } from '../llm/index.js';
import type { GenerateFn } from './generator.js';

export interface BackendSettings {
  LLM_BASE_URL?: string | undefined;
  LLM_API_KEY?: string | undefined;
  LLM_MODEL?: string | undefined;
  LLM_TIMEOUT_MS: number;
  LLM_TOKEN_BUDGET: number;
  SUBPROCESSORS_EXTRA: Array<{ name: string; purpose: string; host: string; location: string; country: string; safeguard: 'EU' | 'ADEQUACY' | 'SCC' }>;
}

/**
 * The subprocessor registry and the report generator for this deployment. Throws (at start) when an
 * extra subprocessor is invalid or the configured LLM endpoint is not a registered subprocessor.
 */
export function createBackends(settings: BackendSettings): { registry: SubprocessorRegistry; generate: GenerateFn; llmConfigured: boolean } {
  const registry = createSubprocessorRegistry([...DEFAULT_SUBPROCESSORS, ...settings.SUBPROCESSORS_EXTRA]);
  let llm: LlmReporter | undefined;
  if (settings.LLM_BASE_URL && settings.LLM_MODEL) {
    registry.assertAllowed(settings.LLM_BASE_URL);
    llm = createLlmReporter({
      config: {
        baseUrl: settings.LLM_BASE_URL,
        // Self-hosted OpenAI-compatible servers often need no key.
        apiKey: settings.LLM_API_KEY ?? '',
        model: settings.LLM_MODEL,
        timeoutMs: settings.LLM_TIMEOUT_MS,
        maxRetries: 2,
        tokenBudget: settings.LLM_TOKEN_BUDGET,
      },
      registry,
      guard: createPersonalDataGuard(),
    });
  }
  const deps = { embedded: (inputs: AnalysisInput[]) => analyzeResponses(inputs), llm };
  return { registry, generate: (inputs, backend) => generateReport(inputs, backend, deps), llmConfigured: Boolean(llm) };
}
