import { describe, expect, test } from '@jest/globals';
import { toCodePointOffsets } from '../src/code-points.js';
import { fold, luhnValid, normalizeValue, PhraseSet } from '../src/text.js';

describe('text helpers', () => {
  test.each<[string, string]>([
    ['Hélène DÜRR', 'helene durr'],
    ['Œuvre ÇA', 'œuvre ca'],
    ['İstanbul', 'istanbul'],
    ['l’Église', "l'eglise"],
    ['😀 ok', '😀 ok'],
    ['\ud800x', '\ud800x'],
  ])('fold(%j) keeps the length', (text, folded) => {
    expect(fold(text)).toBe(folded);
    expect(fold(text).length).toBe(text.length);
  });

  test.each<[string, string]>([
    ['  Jean-Pierre   DUPONT ', 'jean pierre dupont'],
    ["O'Brien", 'o brien'],
  ])('normalizeValue(%j)', (value, expected) => {
    expect(normalizeValue(value)).toBe(expected);
  });

  test.each<[string, boolean]>([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['', false],
  ])('luhnValid(%j) is %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  test.each<[string, boolean]>([
    ["bonjour, je m'appelle ", true],
    ['merci a ', true],
    ['la maison ', false],
    ['thanks to  ', true],
    ['thanks to', false],
    ['conseiller:    ', false],
  ])('PhraseSet.endsWith(%j) is %s', (context, expected) => {
    const phrases = new PhraseSet(["je m'appelle", 'merci a', 'son', 'thanks to', 'conseiller']);
    expect(phrases.endsWith(context)).toBe(expected);
  });

  test('code point offsets count a surrogate pair once and a lone surrogate once', () => {
    const text = 'a😀b\ud800c';
    expect(toCodePointOffsets(text, [0, 1, 3, 4, 5, 6])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(toCodePointOffsets(text, [6, 0])).toEqual([5, 0]);
  });
});
