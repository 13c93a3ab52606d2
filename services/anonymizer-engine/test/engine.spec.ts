import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { analyze, anonymize, createPseudonymTable, PseudonymTable, resolveOverlaps, type Finding } from '../src/index.js';

describe('engine', () => {
  test('replaces structured identifiers with typed placeholders and reports changes in original offsets', () => {
    const text = 'Mail: a.b@exemple.fr, tel 06 12 34 56 78.';
    const r = anonymize(text);
    expect(r.text).toBe('Mail: <EMAIL>, tel <PHONE>.');
    expect(r.changes).toEqual([
      { type: 'EMAIL', start: 6, end: 20, operator: 'replace' },
      { type: 'PHONE', start: 26, end: 40, operator: 'replace' },
    ]);
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1 });
    expect(text.slice(6, 20)).toBe('a.b@exemple.fr');
  });

  test('known entities are found whatever the case or accents', () => {
    const known = [{ type: 'PERSON' as const, value: 'Hélène Dürr' }, { type: 'EMAIL' as const, value: 'H.Durr@Example.com' }];
    const text = 'HELENE DURR a écrit depuis h.durr@example.com ; helene est contente, Dürr aussi.';
    const { findings } = analyze(text, { knownEntities: known });
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['PERSON', 'HELENE DURR'],
      ['EMAIL', 'h.durr@example.com'],
      ['PERSON', 'helene'],
      ['PERSON', 'Dürr'],
    ]);
  });

  test('a known name inside an email address or a street name does not split it: the larger span wins', () => {
    const known = [{ type: 'PERSON' as const, value: 'Jean Dupont' }];
    expect(anonymize('Écrire à jean.dupont@exemple.fr', { knownEntities: known }).text).toBe('Écrire à <EMAIL>');
    expect(anonymize('J’habite 3 rue Jean Dupont, 75011 Paris.', { knownEntities: known }).text).toBe('J’habite <ADDRESS>.');
  });

  test('a table with a digest stores no value and, restored from its snapshot, gives the same placeholders', () => {
    const digest = (key: string) => createHash('sha256').update(`k:${key}`).digest('hex').slice(0, 16);
    const table = createPseudonymTable(undefined, { digest });
    expect(anonymize('Jean Dupont a appelé Marie Curie.', { pseudonyms: table, language: 'fr' }).text).toBe('<PERSON_1> a appelé <PERSON_2>.');
    const snapshot = table.snapshot();
    expect(JSON.stringify(snapshot)).not.toMatch(/jean|dupont|marie|curie/i);
    const restored = PseudonymTable.fromSnapshot(snapshot, { digest });
    expect(anonymize('M. Dupont et Marie Curie, puis Paul Lefort.', { pseudonyms: restored, language: 'fr' }).text).toBe('M. <PERSON_1> et <PERSON_2>, puis <PERSON_3>.');
    // Counters survive the removal of entries: a placeholder is never given twice.
    const emptied = PseudonymTable.fromSnapshot({ values: [], parts: [], counters: snapshot.counters }, { digest });
    expect(anonymize('Paul Lefort', { pseudonyms: emptied, language: 'fr' }).text).toBe('<PERSON_3>');
  });

  test('pseudonymizes the same person with the same placeholder across calls', () => {
    const pseudonyms = createPseudonymTable();
    const known = [{ type: 'PERSON' as const, value: 'Jean Dupont' }];
    const a = anonymize('Jean Dupont est venu.', { knownEntities: known, pseudonyms });
    const b = anonymize('JEAN DUPONT rappelle, Dupont insiste.', { knownEntities: known, pseudonyms });
    const c = anonymize('Marie Curie aussi.', { knownEntities: [{ type: 'PERSON', value: 'Marie Curie' }], pseudonyms });
    expect(a.text).toBe('<PERSON_1> est venu.');
    expect(b.text).toBe('<PERSON_1> rappelle, <PERSON_1> insiste.');
    expect(c.text).toBe('<PERSON_2> aussi.');
    const restored = createPseudonymTable(pseudonyms.entries());
    expect(anonymize('Marie Curie', { knownEntities: [{ type: 'PERSON', value: 'marie curie' }], pseudonyms: restored }).text).toBe('<PERSON_2>');
  });

  test('overlaps of different types keep the higher score, then the longer span', () => {
    const f = (type: Finding['type'], start: number, end: number, score: number): Finding => ({ type, start, end, score, recognizer: 't' });
    expect(resolveOverlaps([f('PERSON', 0, 5, 0.6), f('ORG', 3, 9, 0.9), f('LOCATION', 9, 12, 0.5), f('PERSON', 10, 20, 0.5)])).toEqual([
      f('ORG', 3, 9, 0.9),
      f('PERSON', 10, 20, 0.5),
    ]);
  });

  test('overlaps of one type merge into their union with the best score', () => {
    const f = (start: number, end: number, score: number, recognizer: string): Finding => ({ type: 'ADDRESS', start, end, score, recognizer });
    expect(resolveOverlaps([f(0, 30, 0.85, 'street'), f(20, 30, 0.9, 'postcode'), f(40, 45, 0.6, 'postcode')])).toEqual([f(0, 30, 0.9, 'postcode'), f(40, 45, 0.6, 'postcode')]);
  });

  test.each([[''], ['\u0000\u0001\uffff'], ['\ud800 lone surrogate \udc00 06 12 34 56 78']])('bad input %j gives sane output', (text) => {
    const r = anonymize(text);
    expect(typeof r.text).toBe('string');
    expect(r.changes.every((c) => c.start >= 0 && c.end <= text.length)).toBe(true);
  });
});
