import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import {
  createLlmReporter,
  createPersonalDataGuard,
  createSubprocessorRegistry,
  DEFAULT_SUBPROCESSORS,
  type LlmConfig,
  type PersonalDataGuard,
} from '../../src/llm/index.js';
import type { ReportingError } from '../../src/core/index.js';
import { FIXTURE, LEAKY_VERBATIMS, SEEDED_PERSONAL_DATA, asInputs } from '../fixtures/verbatims.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server.js';

const LOCAL = { name: 'Test endpoint', purpose: 'tests', host: '127.0.0.1', location: 'this machine', country: 'FR', safeguard: 'EU' } as const;
const registry = createSubprocessorRegistry([...DEFAULT_SUBPROCESSORS, LOCAL]);
const guard = createPersonalDataGuard();
const noSleep = async (): Promise<void> => {};

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.script = [];
  server.fallback = 'ok';
});

function config(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl: server.baseUrl, apiKey: 'test-key', model: 'test-model', timeoutMs: 5000, maxRetries: 2, tokenBudget: 200_000, ...overrides };
}

function reporter(overrides: Partial<LlmConfig> = {}, extra: { guard?: PersonalDataGuard; chunkTokens?: number; sleep?: (ms: number) => Promise<void> } = {}) {
  return createLlmReporter({ config: config(overrides), registry, guard: extra.guard ?? guard, sleep: extra.sleep ?? noSleep, chunkTokens: extra.chunkTokens ?? 3000, backoffMs: 100 });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as ReportingError).code;
  }
  throw new Error('expected a rejection');
}

const inputs = [...asInputs(FIXTURE), ...LEAKY_VERBATIMS];

describe('the LLM reporter', () => {
  test('builds a report from structured output, sending only anonymized text to the chat completions endpoint', async () => {
    const content = await reporter().generate(inputs);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.json.model).toBe('test-model');
    expect(request!.json.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'report_chunk', strict: true } });
    expect(content.responseCount).toBe(inputs.length);
    expect(content.themes.map((t) => t.label)).toEqual(expect.arrayContaining(['Delivery delays', 'Customer support', 'Pricing', 'App bugs', 'Product quality']));
    const ids = new Set(inputs.map((i) => i.id));
    for (const theme of content.themes) {
      expect(theme.count).toBe(theme.responseIds.length);
      for (const quote of theme.quotes) expect(theme.responseIds).toContain(quote.responseId);
      for (const id of theme.responseIds) expect(ids.has(id)).toBe(true);
    }
    expect(content.trends.length).toBeGreaterThan(1);
    expect(content.notes?.join(' ')).toMatch(/5 responses still carried personal data and were redacted/);
  });

  test('no outbound request body contains the personal data seeded into the fixtures, nor response ids or dates', async () => {
    await reporter().generate(inputs);
    await reporter({}, { chunkTokens: 400 }).generate(inputs);

    expect(server.requests.length).toBeGreaterThan(2);
    for (const request of server.requests) {
      const contents = request.json.messages.map((m) => m.content).join('\n');
      for (const value of SEEDED_PERSONAL_DATA) {
        expect(request.body).not.toContain(value);
        expect(contents).not.toContain(value);
      }
      expect(contents).not.toMatch(/\br0\d\d\b|leak-\d|2025-\d\d-\d\d/);
    }
  });

  test('withholds a response the guard cannot clean rather than send it', async () => {
    const stubborn: PersonalDataGuard = { assertClean: guard.assertClean, redact: (text) => text };
    const content = await reporter({}, { guard: stubborn }).generate(inputs);

    const sent = server.requests.map((r) => r.body).join('\n');
    for (const value of SEEDED_PERSONAL_DATA) expect(sent).not.toContain(value);
    expect(content.notes?.join(' ')).toMatch(/5 responses could not be cleaned of personal data and were not sent/);
    expect(content.themes.flatMap((t) => t.responseIds)).not.toContain('leak-1');
  });

  test('redacts personal data in what the model returns before it enters the report', async () => {
    server.fallback = 'leaky';
    const content = await reporter().generate(asInputs(FIXTURE));

    expect(content.summary).not.toContain('jane.roe@example.org');
    expect(content.summary).not.toContain('06 98 76 54 32');
    expect(content.summary).toContain('<EMAIL>');
  });

  test('personal data the model writes is redacted on receipt, so it never goes out again in the merge request', async () => {
    server.fallback = 'leaky';
    await reporter({}, { chunkTokens: 400 }).generate(asInputs(FIXTURE));

    const merge = server.requests.at(-1)!;
    expect((merge.json.response_format as { json_schema: { name: string } }).json_schema.name).toBe('report_merge');
    expect(merge.body).not.toContain('jane.roe@example.org');
    expect(merge.body).not.toContain('06 98 76 54 32');
  });

  test('summarises large datasets in chunks, then merges the chunk themes into one set', async () => {
    const content = await reporter({}, { chunkTokens: 400 }).generate(asInputs(FIXTURE));

    const chunkRequests = server.requests.filter((r) => (r.json.response_format as { json_schema: { name: string } }).json_schema.name === 'report_chunk');
    const mergeRequests = server.requests.filter((r) => (r.json.response_format as { json_schema: { name: string } }).json_schema.name === 'report_merge');
    expect(chunkRequests.length).toBeGreaterThan(2);
    expect(mergeRequests).toHaveLength(1);
    expect(content.summary).toBe('Merged summary of all chunks.');
    const labels = content.themes.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    const assigned = content.themes.flatMap((t) => t.responseIds);
    expect(new Set(assigned).size).toBe(assigned.length);
    expect(assigned.length).toBeGreaterThan(90);
  });

  test('retries server errors with exponential backoff, then succeeds', async () => {
    server.script = ['error500', 'error500'];
    const delays: number[] = [];
    const content = await reporter({ maxRetries: 2 }, { sleep: async (ms) => void delays.push(ms) }).generate(asInputs(FIXTURE));

    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
    expect(content.themes.length).toBeGreaterThan(0);
  });

  test.each([
    ['error500', 'LLM_UNAVAILABLE', 3],
    ['timeout', 'LLM_TIMEOUT', 3],
    ['malformed', 'LLM_BAD_OUTPUT', 3],
    ['wrong-shape', 'LLM_BAD_OUTPUT', 3],
    ['error401', 'LLM_UNAVAILABLE', 1],
    ['html', 'LLM_BAD_OUTPUT', 3],
    ['truncated', 'LLM_BAD_OUTPUT', 3],
  ] as const)('an endpoint answering %s ends in %s after %i attempt(s)', async (behaviour, code, attempts) => {
    server.fallback = behaviour;
    expect(await codeOf(reporter({ maxRetries: 2, timeoutMs: 150 }).generate(asInputs(FIXTURE)))).toBe(code);
    expect(server.requests).toHaveLength(attempts);
  });

  test('refuses an endpoint that is not a registered subprocessor, before sending anything', async () => {
    const euOnly = createSubprocessorRegistry(DEFAULT_SUBPROCESSORS);
    const llm = createLlmReporter({ config: config(), registry: euOnly, guard });

    expect(await codeOf(llm.generate(asInputs(FIXTURE)))).toBe('SUBPROCESSOR_NOT_ALLOWED');
    expect(server.requests).toHaveLength(0);
  });

  test('refuses a report that would exceed the token budget, before sending anything', async () => {
    expect(await codeOf(reporter({ tokenBudget: 1000 }).generate(asInputs(FIXTURE)))).toBe('LLM_TOKEN_BUDGET_EXCEEDED');
    expect(server.requests).toHaveLength(0);
  });

  test('counts retries against the token budget', async () => {
    server.fallback = 'malformed';
    expect(await codeOf(reporter({ tokenBudget: 9000, maxRetries: 10 }).generate(asInputs(FIXTURE)))).toBe('LLM_TOKEN_BUDGET_EXCEEDED');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.length).toBeLessThan(11);
  });

  test('answers an empty dataset without calling the endpoint', async () => {
    const content = await reporter().generate([]);
    expect(content.responseCount).toBe(0);
    expect(content.themes).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  test('works with an endpoint that needs no API key (self-hosted)', async () => {
    const content = await reporter({ apiKey: '' }).generate(asInputs(FIXTURE).slice(0, 10));
    expect(content.responseCount).toBe(10);
    expect(server.requests).toHaveLength(1);
  });

  test('rejects an invalid configuration with a clear error', async () => {
    expect(await codeOf(reporter({ model: '', tokenBudget: -1 }).generate([]))).toBe('INVALID_LLM_CONFIG');
  });
});
