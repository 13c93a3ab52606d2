import type { PromptLine } from './chunking.js';

// Prompts carry only anonymized response text and numbers: never ids, dates or respondent data.

export const CHUNK_SYSTEM_PROMPT = [
  'You analyse anonymized customer feedback written in French or English.',
  'Placeholders such as <PERSON_1>, <EMAIL> or <PHONE> replace removed personal data: never guess, complete or repeat what they stand for.',
  'Group the numbered responses into at most 8 themes a product team would recognise (for example delivery delays, customer support, pricing, app bugs, product quality).',
  'For each theme give: label (2 to 5 words, in English), terms (3 to 6 distinctive words as they appear in the responses), responses (the numbers of every response in the theme; a response belongs to at most one theme), quotes (up to 3 numbers of the most representative responses).',
  'In sentiments, give every response a score from -1 (very negative) to 1 (very positive), 0 when neutral.',
  'summary: 2 to 3 sentences in English on what the responses say, without quoting them and without any personal data.',
  'Answer with a JSON object matching the given schema, and nothing else.',
].join('\n');

export function chunkUserPrompt(lines: readonly PromptLine[]): string {
  return `Responses:\n${lines.map((line) => `${line.ref}: ${line.text.replace(/\s+/g, ' ')}`).join('\n')}`;
}

export const MERGE_SYSTEM_PROMPT = [
  'Themes were found separately in several parts of the same set of anonymized customer feedback.',
  'Merge themes that mean the same thing into at most 10 themes. For each merged theme give: label (2 to 5 words, in English), terms (3 to 6 distinctive words), sources (the ids of the themes it merges; each id in at most one merged theme).',
  'summary: 2 to 3 sentences in English on the whole set, from the partial summaries, without any personal data.',
  'Answer with a JSON object matching the given schema, and nothing else.',
].join('\n');

export function mergeUserPrompt(themes: ReadonlyArray<{ id: string; label: string; terms: string[]; count: number }>, summaries: readonly string[]): string {
  return JSON.stringify({ themes, partialSummaries: summaries });
}
