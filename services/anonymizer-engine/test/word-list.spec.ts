import { describe, expect, test } from '@jest/globals';
import { WordList } from '../src/word-list.js';

describe('word list', () => {
  const list = new WordList(['pomme', 'poire', 'abricot', 'poire', 'été', 'a', '', 'zèbre', 'pommes']);

  test.each<[string, boolean]>([
    ['pomme', true],
    ['pommes', true],
    ['pom', false],
    ['pommeau', false],
    ['poire', true],
    ['a', true],
    ['été', true],
    ['zèbre', true],
    ['zzz', false],
    ['', false],
  ])('has(%j) is %s', (word, expected) => {
    expect(list.has(word)).toBe(expected);
  });

  test('drops duplicates and empty words', () => {
    expect(list.size).toBe(7);
  });
});
