/** A conservative token estimate (about 3 characters a token for French and English, rounded up). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3) + 4;
}

export interface PromptLine {
  /** 1-based within its chunk */
  ref: number;
  /** position in the list of responses sent */
  index: number;
  text: string;
}

/**
 * Splits the responses into chunks whose prompt lines stay under `maxTokens` each, in order;
 * a single response longer than the limit is cut (its start is kept).
 */
export function chunkResponses(texts: readonly string[], maxTokens: number): PromptLine[][] {
  const chunks: PromptLine[][] = [];
  let current: PromptLine[] = [];
  let used = 0;
  const maxChars = Math.max(40, (maxTokens - 8) * 3);
  texts.forEach((raw, index) => {
    const text = raw.length > maxChars ? `${raw.slice(0, maxChars)}…` : raw;
    const cost = estimateTokens(`${current.length + 1}: ${text}\n`);
    if (current.length > 0 && used + cost > maxTokens) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push({ ref: current.length + 1, index, text });
    used += cost;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}
