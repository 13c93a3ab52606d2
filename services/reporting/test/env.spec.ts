import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '@verbatim/kit';
import { loadReportingConfig } from '../src/env.js';
import { createBackends } from '../src/domain/backends.js';

const base = {
  PORT: '4004',
  MONGO_URL: 'mongodb://127.0.0.1:27017/verbatim_reporting',
  KAFKA_BROKERS: '127.0.0.1:19092',
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadReportingConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('reporting configuration', () => {
  test('a minimal environment gives defaults: no LLM, no extra subprocessor', () => {
    const config = loadReportingConfig(base);
    expect(config.LLM_BASE_URL).toBeUndefined();
    expect(config.SUBPROCESSORS_EXTRA).toEqual([]);
    expect(config.LLM_TIMEOUT_MS).toBe(60_000);
  });

  test('JWKS_URL is required, because reporting verifies tokens itself', () => {
    const { JWKS_URL: _omit, ...rest } = base;
    expect(problemsOf(rest).join()).toMatch(/JWKS_URL/);
  });

  test('an LLM endpoint without a model, and a model without an endpoint, are refused', () => {
    expect(problemsOf({ ...base, LLM_BASE_URL: 'https://api.mistral.ai/v1' })).toEqual(['LLM_MODEL: required when LLM_BASE_URL is set']);
    expect(problemsOf({ ...base, LLM_MODEL: 'm' })).toEqual(['LLM_BASE_URL: required when LLM_API_KEY or LLM_MODEL is set']);
  });

  test('SUBPROCESSORS_EXTRA must be a JSON list of complete entries', () => {
    expect(problemsOf({ ...base, SUBPROCESSORS_EXTRA: 'not json' }).join()).toMatch(/SUBPROCESSORS_EXTRA: must be a JSON array/);
    expect(problemsOf({ ...base, SUBPROCESSORS_EXTRA: '[{"name":"x"}]' }).join()).toMatch(/SUBPROCESSORS_EXTRA/);
  });

  test('a self-hosted endpoint registered in SUBPROCESSORS_EXTRA is listed and may serve as the LLM', () => {
    const config = loadReportingConfig({
      ...base,
      LLM_BASE_URL: 'https://llm.internal:8443/v1',
      LLM_MODEL: 'local',
      SUBPROCESSORS_EXTRA: JSON.stringify([
        { name: 'Self-hosted model', purpose: 'Reports', host: 'llm.internal', location: 'Our Paris data centre', country: 'FR', safeguard: 'EU' },
      ]),
    });
    const backends = createBackends(config);
    expect(backends.llmConfigured).toBe(true);
    expect(backends.registry.list().map((s) => s.host)).toContain('llm.internal');
  });

  test('a plain http: LLM endpoint is refused at start, even registered; loopback only with the explicit test allowance', () => {
    const llm = { LLM_MODEL: 'm', SUBPROCESSORS_EXTRA: JSON.stringify([{ name: 'Self-hosted model', purpose: 'Reports', host: 'llm.internal', location: 'Paris', country: 'FR', safeguard: 'EU' }]) };
    expect(problemsOf({ ...base, ...llm, LLM_BASE_URL: 'http://llm.internal:8080/v1' }).join()).toMatch(/LLM_BASE_URL: must be an https: URL/);
    expect(problemsOf({ ...base, ...llm, LLM_BASE_URL: 'http://llm.internal:8080/v1', LLM_ALLOW_LOOPBACK_HTTP: 'true' }).join()).toMatch(/LLM_BASE_URL: must be an https: URL/);
    expect(problemsOf({ ...base, ...llm, LLM_BASE_URL: 'http://127.0.0.1:9999/v1' }).join()).toMatch(/LLM_BASE_URL: must be an https: URL/);
    expect(problemsOf({ ...base, ...llm, LLM_BASE_URL: 'http://127.0.0.1:9999/v1', LLM_ALLOW_LOOPBACK_HTTP: 'true' })).toEqual([]);
    expect(problemsOf({ ...base, ...llm, LLM_BASE_URL: 'ftp://llm.internal/v1' }).join()).toMatch(/LLM_BASE_URL: must be an https: URL/);
  });

  test('an LLM endpoint that is not a registered subprocessor stops the service at start', () => {
    const config = loadReportingConfig({ ...base, LLM_BASE_URL: 'https://llm.example.com/v1', LLM_MODEL: 'm' });
    expect(() => createBackends(config)).toThrow(/not a registered subprocessor/);
  });
});
