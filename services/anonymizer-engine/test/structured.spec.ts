import { describe, expect, test } from '@jest/globals';
import { analyze, type EntityType } from '../src/index.js';

function found(text: string, language?: 'fr' | 'en'): [EntityType, string][] {
  return analyze(text, language ? { language } : {}).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('structured identifiers', () => {
  test.each<[string, EntityType, string]>([
    ['Écrivez-moi à jean.dupont@gmail.com svp', 'EMAIL', 'jean.dupont@gmail.com'],
    ['contact: Chloé.Lefèvre+promo@mail.example.co.uk.', 'EMAIL', 'Chloé.Lefèvre+promo@mail.example.co.uk'],
    ['Appelez-moi au 06 12 34 56 78 demain', 'PHONE', '06 12 34 56 78'],
    ['mon numéro : 06.12.34.56.78', 'PHONE', '06.12.34.56.78'],
    ['joignable au +33 6 12 34 56 78.', 'PHONE', '+33 6 12 34 56 78'],
    ['tel +33 (0)1 42 68 53 00', 'PHONE', '+33 (0)1 42 68 53 00'],
    ['call me on +44 20 7946 0958 please', 'PHONE', '+44 20 7946 0958'],
    ['my cell is (415) 555-2671', 'PHONE', '(415) 555-2671'],
    ['appelle le 0033 6 12 34 56 78', 'PHONE', '0033 6 12 34 56 78'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189 merci', 'IBAN', 'FR76 3000 6000 0112 3456 7890 189'],
    ['RIB : FR76 96066 38627 94156856090 58, merci', 'IBAN', 'FR76 96066 38627 94156856090 58'],
    ['compte FR51 3715 2278 8163 6966 1X78 732 au nom de', 'IBAN', 'FR51 3715 2278 8163 6966 1X78 732'],
    // ISO check digits right, French RIB key wrong (computed as if the account's letter were a digit).
    ['virement sur FR18 3000 3012 3400 0123 4567 M12 svp', 'IBAN', 'FR18 3000 3012 3400 0123 4567 M12'],
    ['iban: FR7630006000011234567890189', 'IBAN', 'FR7630006000011234567890189'],
    ['paid from GB82 WEST 1234 5698 7654 32 yesterday', 'IBAN', 'GB82 WEST 1234 5698 7654 32'],
    ['ma carte 4970 1012 3456 7893 a été débitée', 'CREDIT_CARD', '4970 1012 3456 7893'],
    ['card 4111-1111-1111-1111 was charged twice', 'CREDIT_CARD', '4111-1111-1111-1111'],
    ['amex 3782 822463 10005', 'CREDIT_CARD', '3782 822463 10005'],
  ])('%s -> %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  test.each<[string, string]>([
    ['IBAN with a wrong checksum', 'IBAN FR76 3000 6000 0112 3456 7890 188'],
    ['card number failing Luhn', 'carte 4970 1012 3456 7891'],
    ['order number', 'commande n° 123456789 du 12/03/2024'],
    ['amount', 'j’ai payé 1 250,00 euros'],
    ['email without a domain', 'écrire à jean@localhost'],
  ])('finds nothing in: %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});
