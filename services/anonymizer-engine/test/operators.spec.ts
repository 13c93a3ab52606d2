import { describe, expect, test } from '@jest/globals';
import { anonymize, createPseudonymTable, decrypt, type OperatorConfig } from '../src/index.js';

const TEXT = 'Contact : jean.dupont@exemple.fr ou 06 12 34 56 78.';
const KEY = 'workspace-key-for-tests';

describe('operators', () => {
  test.each<[string, OperatorConfig, string]>([
    ['replace', { kind: 'replace' }, 'Contact : <EMAIL> ou <PHONE>.'],
    ['pseudonymize', { kind: 'pseudonymize' }, 'Contact : <EMAIL_1> ou <PHONE_1>.'],
    ['redact', { kind: 'redact' }, 'Contact :  ou .'],
    ['mask', { kind: 'mask' }, 'Contact : ****.******@*******.** ou ** ** ** ** **.'],
    ['mask keeping the last 2', { kind: 'mask', char: '#', keepLast: 2 }, 'Contact : ####.######@#######.fr ou ## ## ## ## 78.'],
  ])('%s', (_name, operator, expected) => {
    const r = anonymize(TEXT, { defaultOperator: operator });
    expect(r.text).toBe(expected);
    expect(r.changes.map((c) => c.operator)).toEqual([operator.kind, operator.kind]);
  });

  test('hash gives a keyed, stable, type-tagged digest that differs between keys', () => {
    const a = anonymize(TEXT, { defaultOperator: { kind: 'hash', key: KEY } }).text;
    const b = anonymize('Mail: JEAN.DUPONT@EXEMPLE.FR', { defaultOperator: { kind: 'hash', key: KEY } }).text;
    const c = anonymize(TEXT, { defaultOperator: { kind: 'hash', key: 'another key' } }).text;
    const digest = /<EMAIL:([0-9a-f]{16})>/.exec(a)?.[1];
    expect(digest).toBeDefined();
    expect(b).toContain(`<EMAIL:${digest}>`);
    expect(c).not.toContain(digest);
    expect(a).not.toContain('dupont');
  });

  test('encrypt is reversible only with the workspace key', () => {
    const key = new Uint8Array(32).fill(7);
    const r = anonymize(TEXT, { defaultOperator: { kind: 'encrypt', key } });
    const tokens = r.text.match(/<ENC:[A-Za-z0-9_-]+>/g) ?? [];
    expect(tokens).toHaveLength(2);
    expect(tokens.map((t) => decrypt(t, key))).toEqual(['jean.dupont@exemple.fr', '06 12 34 56 78']);
    expect(() => decrypt(tokens[0] as string, new Uint8Array(32).fill(8))).toThrow(/wrong workspace key/);
    expect(() => decrypt('<ENC:abc>', key)).toThrow(/not an encrypt-operator token/);
    expect(anonymize(TEXT, { defaultOperator: { kind: 'encrypt', key } }).text).toBe(r.text);
  });

  test.each<[string, OperatorConfig]>([
    ['an empty key', { kind: 'hash', key: '' }],
    ['a missing key', { kind: 'encrypt' } as unknown as OperatorConfig],
  ])('%s is refused with a message that says what to pass', (_why, operator) => {
    expect(() => anonymize(TEXT, { defaultOperator: operator })).toThrow(/workspace key/);
  });

  test('operators are chosen per type, with pseudonymize for PERSON and replace for the rest by default', () => {
    const text = 'Je suis Camille Rousseau, camille@exemple.fr, IBAN FR76 7877 8932 8792 1742 1809 605.';
    const r = anonymize(text, { operators: { IBAN: { kind: 'mask', keepLast: 4 } } });
    expect(r.text).toBe('Je suis <PERSON_1>, <EMAIL>, IBAN **** **** **** **** **** ***9 605.');
    expect(r.counts).toEqual({ PERSON: 1, EMAIL: 1, IBAN: 1 });
    expect(r.changes.map((c) => [c.type, c.operator, text.slice(c.start, c.end)])).toEqual([
      ['PERSON', 'pseudonymize', 'Camille Rousseau'],
      ['EMAIL', 'replace', 'camille@exemple.fr'],
      ['IBAN', 'mask', 'FR76 7877 8932 8792 1742 1809 605'],
    ]);
  });

  test('an unknown operator kind is refused', () => {
    expect(() => anonymize(TEXT, { defaultOperator: { kind: 'shred' } as unknown as OperatorConfig })).toThrow(/unknown operator "shred"/);
  });
});

describe('pseudonym table', () => {
  test.each<[string[], string[]]>([
    [['Jean Dupont', 'JEAN DUPONT', 'Jean-Dupont'], ['<PERSON_1>', '<PERSON_1>', '<PERSON_1>']],
    [['Hélène Dürr', 'helene durr'], ['<PERSON_1>', '<PERSON_1>']],
    [['Jean Dupont', 'Dupont', 'Jean'], ['<PERSON_1>', '<PERSON_1>', '<PERSON_1>']],
    [['Jean Dupont', 'Marie Dupont', 'Dupont'], ['<PERSON_1>', '<PERSON_2>', '<PERSON_3>']],
    [['Dupont', 'Jean Dupont', 'JEAN'], ['<PERSON_1>', '<PERSON_1>', '<PERSON_1>']],
    [['Marie', 'Marie Curie', 'Marie Dupont'], ['<PERSON_1>', '<PERSON_1>', '<PERSON_2>']],
  ])('%j -> %j', (values, expected) => {
    const table = createPseudonymTable();
    expect(values.map((v) => table.placeholder('PERSON', v))).toEqual(expected);
  });

  test('numbers each type separately and survives a round trip through entries()', () => {
    const table = createPseudonymTable();
    table.placeholder('PERSON', 'Jean Dupont');
    table.placeholder('EMAIL', 'a@b.fr');
    table.placeholder('PERSON', 'Marie Curie');
    const copy = createPseudonymTable(JSON.parse(JSON.stringify(table.entries())) as [string, string][]);
    expect(copy.placeholder('PERSON', 'marie curie')).toBe('<PERSON_2>');
    expect(copy.placeholder('PERSON', 'Ada Lovelace')).toBe('<PERSON_3>');
    expect(copy.placeholder('EMAIL', 'A@B.FR')).toBe('<EMAIL_1>');
    expect(copy.placeholder('EMAIL', 'c@d.fr')).toBe('<EMAIL_2>');
  });

  test('keeps the same placeholder for a person across documents of a dataset', () => {
    const pseudonyms = createPseudonymTable();
    const a = anonymize('Le conseiller Julien Moreau est passé.', { pseudonyms });
    const b = anonymize('Julien Moreau est revenu avec Sandrine.', { pseudonyms });
    expect(a.text).toBe('Le conseiller <PERSON_1> est passé.');
    expect(b.text).toBe('<PERSON_1> est revenu avec <PERSON_2>.');
  });
});
