import { describe, expect, test } from '@jest/globals';
import { createSubprocessorRegistry, DEFAULT_SUBPROCESSORS, type Subprocessor } from '../../src/llm/index.js';

const selfHosted: Subprocessor = { name: 'Self-hosted vLLM', purpose: 'LLM reports', host: 'llm.internal.example', location: 'Paris, France', country: 'FR', safeguard: 'EU' };
const registry = createSubprocessorRegistry([...DEFAULT_SUBPROCESSORS, selfHosted]);

describe('the subprocessor registry', () => {
  test('lists every subprocessor with name, purpose, location and safeguard', () => {
    const list = registry.list();
    expect(list.map((s) => s.name)).toEqual(['Mistral AI SAS', 'OpenAI Ireland Ltd', 'Self-hosted vLLM']);
    expect(list.find((s) => s.host === 'api.openai.com')).toMatchObject({ country: 'IE', safeguard: 'SCC' });
    list[0]!.name = 'tampered';
    expect(registry.list()[0]!.name).toBe('Mistral AI SAS');
  });

  test.each([
    ['https://api.openai.com/v1', 'OpenAI Ireland Ltd'],
    ['https://API.OpenAI.com:443/v1/', 'OpenAI Ireland Ltd'],
    ['https://api.mistral.ai/v1', 'Mistral AI SAS'],
    ['http://llm.internal.example:8000/v1', 'Self-hosted vLLM'],
  ])('allows %s, served by %s', (baseUrl, name) => {
    expect(registry.assertAllowed(baseUrl).name).toBe(name);
  });

  test.each([
    ['an unregistered host', 'https://api.example-llm.com/v1'],
    ['a look-alike host', 'https://api.openai.com.evil.example/v1'],
    ['a subdomain of a registered host', 'https://eu.api.openai.com/v1'],
    ['credentials smuggling another host', 'https://api.openai.com@evil.example/v1'],
    ['not a URL', 'api.openai.com'],
    ['another scheme', 'ftp://api.openai.com/v1'],
  ])('refuses %s with SUBPROCESSOR_NOT_ALLOWED', (_case, baseUrl) => {
    expect(() => registry.assertAllowed(baseUrl)).toThrow(expect.objectContaining({ code: 'SUBPROCESSOR_NOT_ALLOWED' }));
  });

  test.each([
    ['EU safeguard outside the EU/EEA', { ...selfHosted, country: 'US' }],
    ['adequacy without an adequacy decision', { ...selfHosted, country: 'US', safeguard: 'ADEQUACY' as const }],
    ['an unknown safeguard', { ...selfHosted, safeguard: 'NONE' as unknown as 'EU' }],
    ['a missing host', { ...selfHosted, host: '' }],
  ])('rejects a registration with %s', (_case, entry) => {
    expect(() => createSubprocessorRegistry([entry])).toThrow(expect.objectContaining({ code: 'INVALID_SUBPROCESSOR' }));
  });

  test('accepts a non-EU processor under adequacy or standard contractual clauses', () => {
    const r = createSubprocessorRegistry([
      { ...selfHosted, host: 'a.example', country: 'CH', safeguard: 'ADEQUACY' },
      { ...selfHosted, name: 'US provider', host: 'b.example', country: 'US', safeguard: 'SCC' },
    ]);
    expect(r.list()).toHaveLength(2);
  });

  test('rejects the same host registered twice', () => {
    expect(() => createSubprocessorRegistry([selfHosted, { ...selfHosted, name: 'again' }])).toThrow(expect.objectContaining({ code: 'INVALID_SUBPROCESSOR' }));
  });
});
