import { ReportingError } from '../core/errors.js';
import { estimateTokens, type PromptLine } from './chunking.js';
import { CHUNK_SYSTEM_PROMPT, MERGE_SYSTEM_PROMPT, chunkUserPrompt } from './prompts.js';
import { CHUNK_SCHEMA } from './schema.js';

/**
 * Tokens one report would use if every request succeeds at the first attempt: each chunk's prompt and
 * its full completion allowance, plus the merge request when there is more than one chunk.
 */
export function plannedTokens(chunks: readonly PromptLine[][], maxOutputTokens: number): number {
  const systemTokens = estimateTokens(CHUNK_SYSTEM_PROMPT) + estimateTokens(JSON.stringify(CHUNK_SCHEMA));
  return (
    chunks.reduce((sum, chunk) => sum + systemTokens + estimateTokens(chunkUserPrompt(chunk)) + maxOutputTokens, 0) +
    // The merge prompt lists about 8 themes per chunk at about 60 tokens each.
    (chunks.length > 1 ? estimateTokens(MERGE_SYSTEM_PROMPT) + 60 * chunks.length * 8 + maxOutputTokens : 0)
  );
}

/** Tokens one report has used so far, retries included, against the configured budget. */
export interface TokenBudget {
  readonly limit: number;
  readonly spent: number;
  spend(tokens: number): void;
  /** Throws LLM_TOKEN_BUDGET_EXCEEDED when a request of `tokens` would go over; `cause` is the last failure, if any. */
  assertRoomFor(tokens: number, cause?: unknown): void;
}

/** Refuses a report before any request when even its first-attempt plan is over the budget. */
export function createTokenBudget(limit: number, planned: number): TokenBudget {
  if (planned > limit) {
    throw new ReportingError(
      'LLM_TOKEN_BUDGET_EXCEEDED',
      `This report would need about ${planned} tokens, over the budget of ${limit}; raise tokenBudget or use the embedded analyzer.`,
    );
  }
  let spent = 0;
  return {
    limit,
    get spent() {
      return spent;
    },
    spend(tokens) {
      spent += tokens;
    },
    assertRoomFor(tokens, cause) {
      if (spent + tokens > limit) {
        throw new ReportingError(
          'LLM_TOKEN_BUDGET_EXCEEDED',
          `The token budget of ${limit} ran out after ${spent} tokens (retries included); raise tokenBudget or use the embedded analyzer.`,
          { cause },
        );
      }
    },
  };
}
