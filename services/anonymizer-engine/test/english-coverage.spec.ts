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

describe('foreign street addresses in English text', () => {
  test.each<[string, EntityType, string]>([
    ['Please send it to Kiannonkatu 98, 90100 Oulu', 'ADDRESS', 'Kiannonkatu 98, 90100 Oulu'],
    ['My new address: Hauptstraße 5, D-10115 Berlin', 'ADDRESS', 'Hauptstraße 5, D-10115 Berlin'],
    ['I live at 4844 Søndergade 52 Apt. 656 now', 'ADDRESS', '4844 Søndergade 52 Apt. 656'],
    ['Ship to 233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796', 'ADDRESS', '233 Erzsébet tér 19.\n Suite 282'],
    ['Ship to 233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796', 'LOCATION', 'Domoszló'],
    ['Ship to 233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796', 'ADDRESS', '34796'],
    ['she lives at 255 hersnapvej 18, københavn k', 'ADDRESS', '255 hersnapvej 18'],
    ['she lives at 255 hersnapvej 18, københavn k', 'LOCATION', 'københavn k'],
    ['update my address to the corner of Main Street and Elm Avenue', 'ADDRESS', 'the corner of Main Street and Elm Avenue'],
    ['Billing address: 3482 Via Franscini 71 Suite 838\n Tujetsch\n 7188', 'LOCATION', 'Tujetsch'],
  ])('%s -> %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  test.each<[string]>([
    ['I bought 2 Xbox 360 controllers and both broke'],
    ['We waited 3 hours 20 minutes at the counter'],
    ['Order 4411 arrived on 12 March 2024 in two boxes'],
    ['I got 2 iPhone 15 cases for the price of one'],
    ['The 3 Musketeers 2 was better'],
  ])('no address in: %s', (text) => {
    expect(found(text).filter(([t]) => t === 'ADDRESS')).toEqual([]);
  });

  test('a name never runs into the unit word of an address', () => {
    expect(found('Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32')).toContainEqual(['PERSON', 'Barbara Yudina']);
  });
});

// Timings of these inputs are measured by bench/throughput.ts (1 MB each), not asserted here.
describe('adversarial input for the new patterns', () => {
  test.each<[string, string]>([
    ['crossing bait', 'corner of ' + 'Ab '.repeat(70000)],
    ['street, number, postcode, city', 'Xyzq Abc 12, 12345 Oulu '.repeat(9000)],
    ['street and unit lines with postcodes', '1 Xyzq 2\n Suite 3\n12345\n'.repeat(9000)],
    ['number word number', '12 Xyzq 3 '.repeat(20000)],
    ['country names and digit groups', 'Hungary (1) 234-5678 '.repeat(10000)],
  ])('200 KB of %s', (_why, text) => {
    const r = analyze(text, { language: 'en' });
    for (const f of r.findings) expect(f.end).toBeLessThanOrEqual(text.length);
  });
});

describe('places after a place cue', () => {
  test.each<[string, string]>([
    ['Mr. Leiva flew to LEPPEN on Tuesday morning', 'LEPPEN'],
    ['he grew up in SUNDVOLLEN and never left', 'SUNDVOLLEN'],
    ['I am in ΛΕΥΚΩΣΙΑ for a business trip', 'ΛΕΥΚΩΣΙΑ'],
    ['the economy of their home city Villafranca del Cid', 'Villafranca del Cid'],
    ['we moved to Port Kerhuon last year', 'Port Kerhuon'],
  ])('%s', (text, value) => {
    expect(found(text)).toContainEqual(['LOCATION', value]);
  });

  test.each<[string]>([
    ['I am in LOVE with this shop'],
    ['She works in IBM support'],
    ['I am in HR and got no reply'],
    ['Moved to Port wine tasting'],
  ])('no place in: %s', (text) => {
    expect(found(text).filter(([t]) => t === 'LOCATION')).toEqual([]);
  });
});
