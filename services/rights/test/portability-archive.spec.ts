import { describe, expect, test } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { buildPortabilityArchive, toCsv } from '../src/domain/portability-archive.js';

const request = { id: 'r1', subjectType: 'USER', requestedAt: new Date('2026-01-01T10:00:00Z'), completedAt: new Date('2026-01-01T10:00:05Z') };
const sections = [
  { service: 'identity', receivedAt: new Date(), collections: [{ collection: 'users', documents: [{ _id: 'u1', email: 'a@b.example', firstName: 'Zoé' }] }] },
  { service: 'reporting', receivedAt: new Date(), collections: [{ collection: 'reports', documents: [] }] },
];

describe('portability archive', () => {
  test.each([
    ['plain', 'Zoé', 'Zoé'],
    ['a comma', 'a, b', '"a, b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading minus', '-1+2', "'-1+2"],
  ])('a CSV cell with %s is written so a spreadsheet reads it back as the same text', (_, value, cell) => {
    expect(toCsv([{ v: value }])).toBe(`v\r\n${cell}\r\n`);
  });

  test('nested objects become dotted columns, arrays stay JSON, missing values are empty', () => {
    expect(toCsv([{ _id: 'a', content: { title: 't' }, tags: ['x', 'y'] }, { _id: 'b' }])).toBe('_id,content.title,tags\r\na,t,"[""x"",""y""]"\r\nb,,\r\n');
  });

  test('holds data.json and one CSV per non-empty collection, and the same request always gives the same bytes', () => {
    const archive = buildPortabilityArchive(request, sections);
    expect(archive.files).toEqual(['data.json', 'csv/identity-users.csv']);
    const files = unzipSync(archive.zip);
    expect(JSON.parse(strFromU8(files['data.json']!))).toEqual({
      format: 'verbatim-portability/v1',
      request: { id: 'r1', subjectType: 'USER', requestedAt: '2026-01-01T10:00:00.000Z', completedAt: '2026-01-01T10:00:05.000Z' },
      sections: [{ service: 'identity', collections: [{ collection: 'users', documents: [{ _id: 'u1', email: 'a@b.example', firstName: 'Zoé' }] }] }],
    });
    expect(strFromU8(files['csv/identity-users.csv']!)).toBe('_id,email,firstName\r\nu1,a@b.example,Zoé\r\n');
    expect(buildPortabilityArchive(request, sections).sha256).toBe(archive.sha256);
  });
});
