import { describe, expect, test } from '@jest/globals';
import { documentFrequency, excerpt, QUOTE_MAX_CHARS, topTerms } from '../../src/core/index.js';

describe('excerpt', () => {
  test('collapses whitespace and keeps a short text whole', () => {
    expect(excerpt('  Delivery was\n\n late   again ')).toBe('Delivery was late again');
  });

  test('cuts a long text at the last word boundary before the limit, with an ellipsis', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const quote = excerpt(words);
    expect(quote.endsWith('…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS + 1);
    expect(words.startsWith(quote.slice(0, -1))).toBe(true);
    expect(words[quote.length - 1]).toBe(' ');
  });

  test('cuts a text without a usable space at the limit itself', () => {
    expect(excerpt('x'.repeat(QUOTE_MAX_CHARS + 50))).toBe(`${'x'.repeat(QUOTE_MAX_CHARS)}…`);
  });
});

describe('documentFrequency', () => {
  test('counts documents, not occurrences', () => {
    expect(documentFrequency([['a', 'a', 'b'], ['a'], []])).toEqual(new Map([['a', 2], ['b', 1]]));
  });
});

describe('topTerms', () => {
  const docs = [['late', 'delivery'], ['late', 'price'], ['late', 'delivery'], ['app']];

  test('orders by number of responses, then alphabetically, and labels each term', () => {
    expect(topTerms(docs, (f) => f.toUpperCase(), 1)).toEqual([
      { term: 'LATE', count: 3 },
      { term: 'DELIVERY', count: 2 },
      { term: 'APP', count: 1 },
      { term: 'PRICE', count: 1 },
    ]);
  });

  test('leaves out terms used by fewer responses than the minimum', () => {
    expect(topTerms(docs, (f) => f, 2)).toEqual([
      { term: 'late', count: 3 },
      { term: 'delivery', count: 2 },
    ]);
  });

  test('keeps at most 15 terms', () => {
    const many = Array.from({ length: 20 }, (_, i) => [`t${String(i).padStart(2, '0')}`]);
    expect(topTerms(many, (f) => f, 1)).toHaveLength(15);
  });
});
