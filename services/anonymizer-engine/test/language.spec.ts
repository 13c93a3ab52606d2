import { describe, expect, test } from '@jest/globals';
import { analyze, detectLanguage, type Language } from '../src/index.js';

describe('language detection', () => {
  test.each<[string, Language]>([
    ['Bonjour, la livraison est arrivée en retard et le colis était abîmé.', 'fr'],
    ["J'ai appelé trois fois, personne ne répond.", 'fr'],
    ['très déçu', 'fr'],
    ['The delivery was late and the box was damaged.', 'en'],
    ['I called three times and nobody answered.', 'en'],
    ['', 'en'],
    ['12345 !!!', 'en'],
  ])('%j is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  test('chooses the rules: "Me" is a French title, an English pronoun', () => {
    expect(analyze('Rendez-vous chez Me Garnier demain.').findings.map((f) => f.type)).toEqual(['PERSON']);
    expect(analyze('Carry Me Back To Canada', { language: 'en' }).findings.map((f) => f.type)).toEqual(['LOCATION']);
  });

  test('mixed French and English text still gets both kinds of identifiers', () => {
    const text = 'Merci à Sandrine ! Call me on +44 20 7946 0958, my email is sam@example.co.uk.';
    expect(analyze(text).findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['PERSON', 'Sandrine'],
      ['PHONE', '+44 20 7946 0958'],
      ['EMAIL', 'sam@example.co.uk'],
    ]);
  });

  test('an unsupported language is detected instead of silently finding nothing', () => {
    const r = analyze('Appelez Camille au 06 12 34 56 78', { language: 'de' as unknown as Language });
    expect(r.language).toBe('fr');
    expect(r.findings.map((f) => f.type)).toEqual(['PERSON', 'PHONE']);
  });

  test('a language given by the caller wins over detection', () => {
    expect(analyze('The delivery was late.', { language: 'fr' }).language).toBe('fr');
  });
});
