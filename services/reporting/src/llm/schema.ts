import { ReportingError } from '../core/errors.js';

/** What the model returns for one chunk of responses; refs are the 1-based numbers of the prompt. */
export interface ChunkOutput {
  summary: string;
  themes: Array<{ label: string; terms: string[]; responses: number[]; quotes: number[] }>;
  sentiments: Array<{ ref: number; score: number }>;
}

/** What the model returns when merging the themes of several chunks. */
export interface MergeOutput {
  summary: string;
  themes: Array<{ label: string; terms: string[]; sources: string[] }>;
}

const stringArray = { type: 'array', items: { type: 'string' } } as const;
const integerArray = { type: 'array', items: { type: 'integer' } } as const;

/** JSON schemas in the strict subset of structured outputs (every property required, no extras). */
export const CHUNK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'themes', 'sentiments'],
  properties: {
    summary: { type: 'string' },
    themes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'terms', 'responses', 'quotes'],
        properties: { label: { type: 'string' }, terms: stringArray, responses: integerArray, quotes: integerArray },
      },
    },
    sentiments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['ref', 'score'],
        properties: { ref: { type: 'integer' }, score: { type: 'number' } },
      },
    },
  },
} as const;

export const MERGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'themes'],
  properties: {
    summary: { type: 'string' },
    themes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'terms', 'sources'],
        properties: { label: { type: 'string' }, terms: stringArray, sources: stringArray },
      },
    },
  },
} as const;

function bad(path: string, expected: string): never {
  throw new ReportingError('LLM_BAD_OUTPUT', `The model's answer does not match the report schema: ${path} should be ${expected}.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectString(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') bad(path, 'a string');
  return value.slice(0, maxLength);
}

function expectArray(value: unknown, path: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) bad(path, 'an array');
  if (value.length > maxItems) bad(path, `at most ${maxItems} items`);
  return value;
}

function expectInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) bad(path, 'an integer');
  return value;
}

export function parseJson(content: string | null | undefined): unknown {
  if (typeof content !== 'string' || content.trim() === '') {
    throw new ReportingError('LLM_BAD_OUTPUT', 'The model returned no content; expected a JSON object.');
  }
  // Some compatible servers wrap JSON in a Markdown fence despite the schema.
  const unfenced = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return JSON.parse(unfenced);
  } catch {
    throw new ReportingError('LLM_BAD_OUTPUT', 'The model returned malformed JSON; expected an object matching the report schema.');
  }
}

export function validateChunkOutput(value: unknown, responseCount: number): ChunkOutput {
  if (!isObject(value)) bad('the answer', 'an object');
  const themes = expectArray(value.themes, 'themes', 50).map((theme, t) => {
    if (!isObject(theme)) bad(`themes[${t}]`, 'an object');
    return {
      label: expectString(theme.label, `themes[${t}].label`, 120),
      terms: expectArray(theme.terms, `themes[${t}].terms`, 30).map((term, i) => expectString(term, `themes[${t}].terms[${i}]`, 60)),
      responses: expectArray(theme.responses, `themes[${t}].responses`, responseCount * 2 + 10).map((ref, i) => expectInteger(ref, `themes[${t}].responses[${i}]`)),
      quotes: expectArray(theme.quotes, `themes[${t}].quotes`, 20).map((ref, i) => expectInteger(ref, `themes[${t}].quotes[${i}]`)),
    };
  });
  const sentiments = expectArray(value.sentiments, 'sentiments', responseCount * 2 + 10).map((entry, i) => {
    if (!isObject(entry)) bad(`sentiments[${i}]`, 'an object');
    const score = entry.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) bad(`sentiments[${i}].score`, 'a number');
    return { ref: expectInteger(entry.ref, `sentiments[${i}].ref`), score: Math.max(-1, Math.min(1, score)) };
  });
  return { summary: expectString(value.summary, 'summary', 2000), themes, sentiments };
}

export function validateMergeOutput(value: unknown): MergeOutput {
  if (!isObject(value)) bad('the answer', 'an object');
  const themes = expectArray(value.themes, 'themes', 50).map((theme, t) => {
    if (!isObject(theme)) bad(`themes[${t}]`, 'an object');
    return {
      label: expectString(theme.label, `themes[${t}].label`, 120),
      terms: expectArray(theme.terms, `themes[${t}].terms`, 30).map((term, i) => expectString(term, `themes[${t}].terms[${i}]`, 60)),
      sources: expectArray(theme.sources, `themes[${t}].sources`, 500).map((id, i) => expectString(id, `themes[${t}].sources[${i}]`, 20)),
    };
  });
  return { summary: expectString(value.summary, 'summary', 2000), themes };
}
