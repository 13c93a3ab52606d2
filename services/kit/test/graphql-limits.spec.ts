import { describe, expect, test } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { supergraphFile } from '@verbatim/contracts';
import { costLimitRule, depthLimitRule, readListSizeHints } from '../src/index.js';

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
    expect(codes('{ nodes { children { children { id } } } }', costLimitRule(100))).toEqual(['QUERY_TOO_COSTLY']);
  });
});

describe('cost limit with list-size hints', () => {
  const sdl = parse(`
    type Node { id: ID! children(first: Int = 5): [Node!]! @listSize(slicingArguments: ["first"]) tags: [Tag!]! @listSize(assumedSize: 2) }
    type Tag { id: ID! }
    type Query { nodes: [Node!]! @listSize(assumedSize: 3) }
  `);
  const hinted = buildSchema(`
    directive @listSize(assumedSize: Int, slicingArguments: [String!]) on FIELD_DEFINITION
    type Node { id: ID! children(first: Int = 5): [Node!]! tags: [Tag!]! }
    type Tag { id: ID! }
    type Query { nodes: [Node!]! }
  `);
  const hints = readListSizeHints(sdl);
  const costOf = (query: string) => {
    const [error] = validate(hinted, parse(query), [costLimitRule(0, hints)]);
    return Number(/cost is (\d+)/.exec(error?.message ?? '')?.[1]);
  };

  test.each([
    // each object costs 1, scalars 0: 3 nodes x (1 + id 0) = 3
    ['{ nodes { id } }', 3],
    // assumedSize of the lists: 3 x (1 + 2 tags x 1) = 9
    ['{ nodes { tags { id } } }', 9],
    // the default of the slicing argument: 3 x (1 + 5 children x (1 + 2)) = 48
    ['{ nodes { children { tags { id } } } }', 48],
    // the literal argument counts, not a fixed factor: 3 x (1 + 100 x 3) = 903
    ['{ nodes { children(first: 100) { tags { id } } } }', 903],
    ['{ nodes { children(first: 1) { tags { id } } } }', 12],
  ])('%s costs %i', (query, cost) => {
    expect(costOf(query)).toBe(cost);
  });

  test('the hints of the committed supergraph are read (pagination and assumed sizes)', () => {
    const supergraph = readListSizeHints(parse(readFileSync(supergraphFile, 'utf8')));
    expect(supergraph.get('Dataset.responses')).toEqual({ slicingArguments: ['first'] });
    expect(supergraph.get('Workspace.datasets')).toEqual({ assumedSize: 20 });
  });
});
