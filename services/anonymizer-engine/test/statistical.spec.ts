import { describe, expect, test } from '@jest/globals';
import { analyze, type EntityType } from '../src/index.js';
import { statisticalRecognizer } from '../src/recognizers/statistical.recognizer.js';
import { fold } from '../src/text.js';
import type { Language } from '../src/types.js';

function statistical(text: string, language: Language) {
  return statisticalRecognizer.analyze({ text, folded: fold(text), language }).map((f) => ({ type: f.type, value: text.slice(f.start, f.end), score: f.score }));
}

describe('the statistical recognizer', () => {
  test.each<[Language, string, EntityType, string]>([
    ['en', 'We left it with Marguerite at the front desk this morning.', 'PERSON', 'Marguerite'],
    ['fr', "franchement gwendoline au standard, parfaite", 'PERSON', 'gwendoline'],
    ['fr', 'Nous attendons la décision du tribunal de commerce de Lisieux depuis juin.', 'ORG', 'tribunal de commerce de Lisieux'],
    ['fr', 'Le colis est resté bloqué à Saint-Amand-Montrond pendant huit jours.', 'LOCATION', 'Saint-Amand-Montrond'],
    ['fr', "J'ai signé avec Menuiserie Bouchard pour les fenêtres.", 'ORG', 'Menuiserie Bouchard'],
  ])('finds in %s "%s" a %s: %s', (language, text, type, value) => {
    expect(statistical(text, language)).toContainEqual(expect.objectContaining({ type, value }));
  });

  test('gives scores between the threshold and the cue-backed rules', () => {
    const findings = statistical('Merci à Gwendoline et Baptiste de la boutique de Guingamp.', 'fr');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.score).toBeGreaterThanOrEqual(0.6);
      expect(f.score).toBeLessThan(0.9);
    }
  });

  test('never joins words across a comma, a colon or a line break', () => {
    for (const text of ['Unit 4, Riverside Court, Cardiff', 'Interviewer: And then?', 'Camille\nRoux']) {
      for (const f of statistical(text, 'en')) expect(f.value).not.toMatch(/[,:\n]/);
    }
  });

  test.each<[Language, string]>([
    ['en', 'the delivery was late again and nobody answered the phone'],
    ['fr', 'Réponse du service client sous 24h pas plus.'],
    // As an LLM prompt numbers responses: the capital after '7: ' opens a sentence, it names nothing.
    ['fr', '6: Colis abîmé.\n7: Retard de livraison encore une fois, deux semaines pour un petit colis.'],
    ['en', 'Moved to Port wine tasting'],
    // French in an English-read prompt: a lower-case span no place list knows is no place.
    ['en', 'deux semaines pour un petit colis.\n2: The courier never came.'],
    // Prompts mix languages and the guard reads them with both models: terms, pronouns and common words are no names.
    ['fr', 'Answer with a JSON object matching the given schema, and nothing else.'],
    ['fr', '60: Too expensive, I cancelled my subscription.'],
    ['fr', 'Réponse du service client sous 24h par mail, claire et polie.'],
    ['en', 'Colis reçu une semaine après la date de livraison annoncée.'],
  ])('finds nothing in a %s text without names: %s', (language, text) => {
    expect(statistical(text, language)).toEqual([]);
  });

  test('its findings go through the engine with the rules', () => {
    const { findings } = analyze('Merci à Gwendoline pour son aide, et au tribunal de commerce de Lisieux.', { language: 'fr' });
    expect(findings.map((f) => f.type)).toEqual(expect.arrayContaining(['PERSON', 'ORG']));
  });
});
