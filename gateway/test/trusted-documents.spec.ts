import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { supergraphFile } from '@verbatim/contracts';
import { costLimitRule, readListSizeHints } from '@verbatim/kit';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { buildManifest, documentHash, loadTrustedDocuments, PARTNER_MANIFEST_FILE, serializeManifest } from '../src/trusted-documents.js';
import { gatewayEnvShape } from '../src/env.js';

const supergraphSdl = readFileSync(supergraphFile, 'utf8');
const defaultMaxCost = gatewayEnvShape.MAX_QUERY_COST.parse(undefined);

describe('the partner trusted documents', () => {
  test('the committed manifest is the one built from trusted-documents/partner/*.graphql (run `pnpm trusted-documents`)', () => {
    expect(readFileSync(PARTNER_MANIFEST_FILE, 'utf8')).toBe(serializeManifest(buildManifest()));
  });

  const operations = buildManifest().operations;
  test.each(operations.map((op) => [op.name, op.body] as const))('%s is valid on the supergraph and within the default cost limit', (_name, body) => {
    const errors = validate(buildSchema(supergraphSdl), parse(body), [...specifiedRules, costLimitRule(defaultMaxCost, readListSizeHints(parse(supergraphSdl)))]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  test('an operation is known by the sha256 of its exact body, and a read-only cache serves it to Apollo by hash', async () => {
    const trusted = loadTrustedDocuments(PARTNER_MANIFEST_FILE);
    const [first] = operations;
    expect(trusted.size).toBe(operations.length);
    expect(trusted.has(documentHash(first!.body))).toBe(true);
    expect(trusted.has(documentHash(`${first!.body} `))).toBe(false);
    expect(await trusted.cache.get(`apq:${first!.id}`)).toBe(first!.body);
    await trusted.cache.set(`apq:${documentHash('{ __typename }')}`, '{ __typename }');
    expect(await trusted.cache.get(`apq:${documentHash('{ __typename }')}`)).toBeUndefined();
  });
});
