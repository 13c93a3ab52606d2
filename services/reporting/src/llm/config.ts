import { ReportingError } from '../core/errors.js';

export interface LlmConfig {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1 */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Per request. */
  timeoutMs: number;
  /** Further attempts after a failed request (timeouts, 408/409/429/5xx, malformed output). */
  maxRetries: number;
  /** Most tokens (prompt and completion, retries included) one report may use. */
  tokenBudget: number;
}

/** Checked on every report, so a bad configuration is named instead of failing somewhere inside a request. */
export function validateLlmConfig(config: LlmConfig): void {
  const problems: string[] = [];
  if (typeof config?.baseUrl !== 'string' || config.baseUrl === '') problems.push('baseUrl');
  if (typeof config?.model !== 'string' || config.model === '') problems.push('model');
  if (typeof config?.apiKey !== 'string') problems.push('apiKey');
  for (const key of ['timeoutMs', 'tokenBudget'] as const) if (!(Number.isFinite(config?.[key]) && config[key] > 0)) problems.push(key);
  if (!(Number.isInteger(config?.maxRetries) && config.maxRetries >= 0)) problems.push('maxRetries');
  if (problems.length > 0) {
    throw new ReportingError('INVALID_LLM_CONFIG', `LLM configuration is missing or invalid: ${problems.join(', ')}. Set them in the deployment's reporting configuration.`);
  }
}
