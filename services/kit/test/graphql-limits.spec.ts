import { describe, expect, test } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { costLimitRule, depthLimitRule } from '../src/index.js';

const schema = buildSchema(`
  type Node { id: ID! name: String children: [Node!]! parent: Node }
  type Query { node: Node nodes: [Node!]! }
`);
const codes = (query: string, rule: ReturnType<typeof depthLimitRule>) =>
  validate(schema, parse(query), [rule]).map((e) => e.extensions['code']);

describe('depth limit', () => {
  test.each([
    ['{ node { id } }', 2, []],
    ['{ node { parent { parent { id } } } }', 4, []],
    ['{ node { parent { parent { parent { id } } } } }', 4, ['QUERY_TOO_DEEP']],
    ['{ node { ...F } } fragment F on Node { parent { parent { parent { id } } } }', 4, ['QUERY_TOO_DEEP']],
    ['{ node { ... on Node { parent { id } } } }', 3, []],
  ])('%s with a limit of %i gives %j', (query, limit, expected) => {
    expect(codes(query, depthLimitRule(limit))).toEqual(expected);
  });

  test('a fragment that spreads itself does not loop forever', () => {
    expect(() => codes('{ node { ...F } } fragment F on Node { parent { ...F } }', depthLimitRule(5))).not.toThrow();
  });
});

describe('cost limit', () => {
  test('list fields multiply what they select, so nested lists are expensive', () => {
    expect(codes('{ nodes { id name } }', costLimitRule(25))).toEqual([]);
    expect(codes('{ nodes { children { children { id } } } }', costLimitRule(500))).toEqual(['QUERY_TOO_COSTLY']);
  });
});
