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

describe('organisations in English: company suffixes, partnerships and cues', () => {
  test.each<[string, string]>([
    ['I worked two years at Brightwater Technologies before that', 'Brightwater Technologies'],
    ['She joined Quillmont Global last spring', 'Quillmont Global'],
    ['a loan from Harbour Capital was refused', 'Harbour Capital'],
    ['Contact the sales team of Nordvik Holdings', 'Nordvik Holdings'],
    ['He is a partner at Fennimore Partners now', 'Fennimore Partners'],
    ['They are from Davis, Reynolds and Williamson', 'Davis, Reynolds and Williamson'],
    ['The Hawkins, Richardson & Santana office called back', 'Hawkins, Richardson & Santana'],
    ['I spent a year at Brennova before moving', 'Brennova'],
    ['The address of Zentrafo is wrong on the invoice', 'Zentrafo'],
    ['The Quorvel office never answered', 'Quorvel'],
    ['Last year Mayo-Walters raised its prices', 'Mayo-Walters'],
  ])('%s', (text, value) => {
    expect(found(text)).toContainEqual(['ORG', value]);
  });

  test.each<[string]>([
    ['I paid my National Insurance on time'],
    ['We met at Christmas and again in March'],
    ['My friends Sophie, Emma and Chloe came along'],
    ['The Customer Service office was closed'],
    ['Thanks for the quick reply'],
    ['Our Social Media team posted it'],
  ])('no organisation in: %s', (text) => {
    expect(found(text).filter(([t]) => t === 'ORG')).toEqual([]);
  });
});
