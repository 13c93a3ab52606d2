import { describe, expect, test } from '@jest/globals';
import { polarityOf, profileResponses } from '../../src/analysis/index.js';

function polarity(text: string, language?: 'fr' | 'en'): string {
  const [profile] = profileResponses([{ id: 'x', text, ...(language ? { language } : {}) }]);
  return polarityOf(profile!.score ?? 0);
}

describe('response sentiment', () => {
  test.each([
    ['Livraison rapide, rien à redire.', 'positive'],
    ['Colis reçu avec une semaine de retard, très déçu.', 'negative'],
    ["Le service client n'est pas du tout aimable.", 'negative'],
    ["Je ne suis pas déçu, bien au contraire.", 'positive'],
    ['Abonnement hors de prix.', 'negative'],
    ['Prix pas cher du tout, top.', 'positive'],
    ["L'appli plante sans arrêt.", 'negative'],
    ['Produit reçu hier.', 'neutral'],
    ['The app is not bad at all.', 'positive'],
    ['Great product but the delivery was terribly late.', 'negative'],
    ['Product arrived broken even though the box was fine.', 'negative'],
    ['Customer service never answered my emails.', 'negative'],
    ['Good value for money.', 'positive'],
    ['The parcel arrived on Tuesday.', 'neutral'],
    ['<PERSON_1> was super helpful!', 'positive'],
  ])('%s → %s', (text, expected) => {
    expect(polarity(text)).toBe(expected);
  });
});

describe('language detection', () => {
  test.each([
    ['Le colis est arrivé en retard et le livreur était impoli.', 'fr'],
    ['The parcel arrived late and the driver was rude.', 'en'],
    ['El paquete llegó tarde y el repartidor fue grosero.', 'es'],
    ['Das Paket kam zu spät und der Fahrer war unhöflich.', 'de'],
    ['Décevant.', 'fr'],
    ['Excellent!', 'en'],
    ['Rapide.', 'fr'],
    ['Terrible!', 'en'],
    ['👍', 'und'],
  ])('%s → %s', (text, expected) => {
    const [profile] = profileResponses([{ id: 'x', text }]);
    expect(profile!.language).toBe(expected);
  });

  test('a language given with the response wins over detection', () => {
    const [profile] = profileResponses([{ id: 'x', text: 'Excellent!', language: 'en' }]);
    expect(profile!.language).toBe('en');
  });
});
