import { describe, expect, test } from '@jest/globals';
import { ConfigError, parseConfig } from '@verbatim/kit';
import { rightsEnvShape } from '../src/env.js';

const base = {
  PORT: '4006',
  MONGO_URL: 'mongodb://127.0.0.1:27017/verbatim_rights',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
  RIGHTS_DIGEST_KEY: 'ab'.repeat(32),
};
const urls = { identity: 'http://identity:4001', ingestion: 'http://ingestion:4002', anonymizer: 'http://anonymizer:4003', reporting: 'http://reporting:4004', consent: 'http://consent:4005' };

const problemsOf = (holderUrls: string) => {
  try {
    parseConfig(rightsEnvShape, { ...base, RIGHTS_HOLDER_URLS: holderUrls });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('RIGHTS_HOLDER_URLS: where each holder publishes its proof keys', () => {
  test('a JSON object naming every holder by its http(s) base URL is read as such', () => {
    expect(parseConfig(rightsEnvShape, { ...base, RIGHTS_HOLDER_URLS: JSON.stringify(urls) }).RIGHTS_HOLDER_URLS).toEqual(urls);
  });

  test.each([
    ['missing', undefined],
    ['not JSON', 'identity=http://identity:4001'],
    ['a holder left out', JSON.stringify({ ...urls, consent: undefined })],
    ['a service that is no holder', JSON.stringify({ ...urls, rights: 'http://rights:4006' })],
    ['a URL that is not http(s)', JSON.stringify({ ...urls, identity: 'ftp://identity' })],
  ])('%s is a configuration error naming the variable', (_, value) => {
    const problems = problemsOf(value as string);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('RIGHTS_HOLDER_URLS'))).toBe(true);
  });
});
