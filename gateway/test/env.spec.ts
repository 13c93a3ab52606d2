import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '@verbatim/kit';
import { loadGatewayConfig } from '../src/env.js';
import { PARTNER_MANIFEST_FILE } from '../src/trusted-documents.js';

const subgraph = (port: number) => `http://127.0.0.1:${port}/graphql`;
const base = {
  PORT: '4000',
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
  IDENTITY_URL: subgraph(4001),
  INGESTION_URL: subgraph(4002),
  ANONYMIZER_URL: subgraph(4003),
  REPORTING_URL: subgraph(4004),
  CONSENT_URL: subgraph(4005),
  RIGHTS_URL: subgraph(4006),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadGatewayConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('gateway configuration', () => {
  test('a minimal environment gives development, the partner manifest, default rate limits and no TLS', () => {
    const config = loadGatewayConfig(base);
    expect([config.NODE_ENV, config.TRUSTED_DOCUMENTS_FILE, config.RATE_LIMIT_PER_ADDRESS, config.RATE_LIMIT_PER_CLIENT]).toEqual(['development', PARTNER_MANIFEST_FILE, 600, 120]);
    expect(config.TLS_CERT_FILE).toBeUndefined();
  });

  test('JWKS_URL is required: the gateway reads who calls to apply its own rules', () => {
    const { JWKS_URL: _omit, ...rest } = base;
    expect(problemsOf(rest).join()).toMatch(/JWKS_URL/);
  });

  test('every problem is reported: an unknown NODE_ENV, a zero rate limit, a missing manifest', () => {
    const problems = problemsOf({ ...base, NODE_ENV: 'prod', RATE_LIMIT_PER_CLIENT: '0', TRUSTED_DOCUMENTS_FILE: '/no/such/file.json' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['NODE_ENV', 'RATE_LIMIT_PER_CLIENT', 'TRUSTED_DOCUMENTS_FILE']);
  });

  test('TLS needs both a certificate and its key, as existing files', () => {
    expect(problemsOf({ ...base, TLS_CERT_FILE: PARTNER_MANIFEST_FILE })).toEqual(['TLS_CERT_FILE, TLS_KEY_FILE: set both (a certificate and its key) or neither']);
    expect(problemsOf({ ...base, TLS_CERT_FILE: '/no/cert.pem', TLS_KEY_FILE: '/no/key.pem' })).toEqual(['TLS_CERT_FILE: no such file', 'TLS_KEY_FILE: no such file']);
  });
});
