import { describe, expect, test } from '@jest/globals';
import { analyze, type EntityType } from '../src/index.js';

function found(text: string): [EntityType, string][] {
  return analyze(text, { language: 'en' }).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('phone numbers: extensions and the national formats of countries the text names', () => {
  test.each<[string, string]>([
    ['Call me on +1 (415) 555-2671 ext. 204 please', '+1 (415) 555-2671 ext. 204'],
    ['ring (415) 555-2671 x12 after 5pm', '(415) 555-2671 x12'],
    ['reach me at 020 7946 0958 ext 3', '020 7946 0958 ext 3'],
    ['my number is 415.555.2671', '415.555.2671'],
    ['Budapest office, Hungary: (1) 234-5678', '(1) 234-5678'],
    ['In Denmark my mobile is 20 12 34 56', '20 12 34 56'],
    ['I am in Australia, phone (02) 9876 5432', '(02) 9876 5432'],
    ['Sydney: +61 2 9876 5432', '+61 2 9876 5432'],
  ])('%s', (text, value) => {
    expect(found(text)).toContainEqual(['PHONE', value]);
  });

  test.each<[string]>([
    ['Order 12345678 arrived in Denmark'],
    ['Parcel 1234 5678 went to Hungary'],
    ['Hungary: (1) 23 items missing'],
  ])('no phone in: %s', (text) => {
    expect(found(text).filter(([t]) => t === 'PHONE')).toEqual([]);
  });
});
