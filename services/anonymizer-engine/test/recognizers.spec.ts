import { describe, expect, test } from '@jest/globals';
import { analyze, createDefaultRegistry, type EntityType, type Language } from '../src/index.js';
import { ibanValidate } from '../src/recognizers/iban.recognizer.js';
import { nirValid, siretValid } from '../src/recognizers/national-id.recognizer.js';

function found(text: string, language?: Language): [EntityType, string][] {
  return analyze(text, language ? { language } : {}).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('the default registry', () => {
  test('holds one recognizer per name, each for French and English', () => {
    const registry = createDefaultRegistry();
    expect(registry.names()).toEqual(expect.arrayContaining(['email', 'phone', 'iban', 'credit-card', 'fr-nir', 'fr-siren', 'fr-siret', 'ipv4', 'ipv6', 'url', 'date-of-birth', 'fr-address', 'en-address', 'person', 'org', 'location']));
    expect(registry.forLanguage('fr').length).toBe(registry.names().length);
    expect(() => registry.add(registry.get('email')!)).toThrow(/already registered/);
  });

  test('a recognizer removed from a registry copy no longer finds anything', () => {
    const registry = createDefaultRegistry();
    registry.remove('email');
    expect(analyze('écrire à a.b@exemple.fr', { registry }).findings).toEqual([]);
  });
});

describe('national identifiers', () => {
  test.each<[string, string, boolean]>([
    ['NIR with its key', '1 84 07 75 056 123 72', true],
    ['NIR compact', '291116912304510', true],
    ['Corsican NIR (2A)', '2 66 12 2A 004 031 74', true],
    ['NIR with a wrong key', '1 84 07 75 056 123 73', false],
    ['NIR too short', '1 84 07 75 056 123', false],
  ])('nirValid: %s', (_why, value, valid) => {
    expect(nirValid(value)).toBe(valid);
  });

  test.each<[string, string, boolean]>([
    ['SIRET (Luhn)', '447 887 837 94819', true],
    ['SIRET failing Luhn', '447 887 837 94818', false],
    ['La Poste SIRET (digit sum mod 5)', '35600000000010', true],
    ['all zeros', '00000000000000', false],
  ])('siretValid: %s', (_why, value, valid) => {
    expect(siretValid(value)).toBe(valid);
  });

  test.each<[string, string, string]>([
    ['French NIR', 'mon numéro de sécu : 1 84 07 75 056 123 72.', '1 84 07 75 056 123 72'],
    ['SIREN in groups', 'Société (SIREN 317 598 985) toujours pas payée', '317 598 985'],
    ['SIREN compact with context', 'numéro SIREN 317598985', '317598985'],
    ['SIRET', 'SIRET du magasin : 884 837 261 13114', '884 837 261 13114'],
    ['US SSN', 'my SSN is 536-22-8741', '536-22-8741'],
    ['UK National Insurance number', 'NI number AB 12 34 56 C please', 'AB 12 34 56 C'],
    ['Spanish DNI', 'DNI 12345678Z del cliente', '12345678Z'],
    ['Italian codice fiscale', 'codice RSSMRA85T10A562S grazie', 'RSSMRA85T10A562S'],
  ])('%s is a NATIONAL_ID', (_why, text, value) => {
    expect(found(text)).toContainEqual(['NATIONAL_ID', value]);
  });

  test.each<[string, string]>([
    ['9 digits failing Luhn', 'commande 317598986 reçue'],
    ['9 digits, Luhn by chance but no context nor groups', 'ticket 317598985'],
    ['SSN area 000', 'ref 000-12-3456'],
  ])('no NATIONAL_ID in: %s', (_why, text) => {
    expect(found(text).filter(([t]) => t === 'NATIONAL_ID')).toEqual([]);
  });
});

describe('IBAN, card, IP, URL', () => {
  test.each<[string, string | false]>([
    ['FR76 7877 8932 8792 1742 1809 605', 'FR76 7877 8932 8792 1742 1809 605'],
    ['FR76 7877 8932 8792 1742 1809 605 merci', 'FR76 7877 8932 8792 1742 1809 605'],
    ['GB46 NWBK 7511 6372 6516 76', 'GB46 NWBK 7511 6372 6516 76'],
    ['FR76 7877 8932 8792 1742 1809 604', false],
    ['XX76 7877 8932 8792 1742 1809 605', false],
  ])('ibanValidate(%j)', (match, expected) => {
    const r = ibanValidate(match);
    expect(r === false ? false : match.slice(r.start, r.end)).toBe(expected);
  });

  test.each<[string, EntityType, string]>([
    ['JCB 15 digits 180016070420458 lost', 'CREDIT_CARD', '180016070420458'],
    ['Diners 30288610434735 please', 'CREDIT_CARD', '30288610434735'],
    ['carte 4111 1111 1111 1111 puis 12', 'CREDIT_CARD', '4111 1111 1111 1111'],
    ['from 203.0.113.45 yesterday', 'IP', '203.0.113.45'],
    ['IPv6 fe80::1ff:fe23:4567:890a banned', 'IP', 'fe80::1ff:fe23:4567:890a'],
    ['ipv4-mapped ::ffff:192.0.2.128 seen', 'IP', '::ffff:192.0.2.128'],
    ['voir https://exemple.fr/a?b=c.', 'URL', 'https://exemple.fr/a?b=c'],
    ['(www.exemple.fr)', 'URL', 'www.exemple.fr'],
    ['allez sur boutique-exemple.fr pour voir', 'URL', 'boutique-exemple.fr'],
  ])('%s -> %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  test.each<[string, string]>([
    ['a time is not an IPv6 address', 'rendez-vous à 12:30:45'],
    ['a version number is not an IP', 'version 1.2.3.4 installée'],
    ['a file name is not a URL', 'facture.pdf jointe'],
    ['a domain inside an email is not a URL', 'a.b@exemple.fr'],
  ])('%s', (_why, text) => {
    expect(found(text).filter(([t]) => t === 'IP' || t === 'URL')).toEqual([]);
  });
});

describe('dates of birth and addresses', () => {
  test.each<[string, string]>([
    ['Je suis né le 12/03/1985 à Lyon', '12/03/1985'],
    ['née le 1er avril 1990', '1er avril 1990'],
    ['date de naissance : 1985-03-12', '1985-03-12'],
    ['I was born on March 12, 1985.', 'March 12, 1985'],
    ['DOB 12th of March 1985', '12th of March 1985'],
  ])('%s -> DATE_OF_BIRTH', (text, value) => {
    expect(found(text)).toContainEqual(['DATE_OF_BIRTH', value]);
  });

  test('a date without a birth context is not a date of birth', () => {
    expect(found('Commande passée le 14/02/2024, reçue le 20/02/2024')).toEqual([]);
  });

  test.each<[string, string]>([
    ['Livraison au 12 bis rue de la Paix, 75002 Paris impossible', '12 bis rue de la Paix, 75002 Paris'],
    ['au 3 place du Marché, 59800 Lille.', '3 place du Marché, 59800 Lille'],
    ["8 impasse de l'Église", "8 impasse de l'Église"],
    ['Deliver to 221B Baker Street, London NW1 6XE.', '221B Baker Street, London NW1 6XE'],
    ['1600 Pennsylvania Avenue NW, Washington, DC 20500', '1600 Pennsylvania Avenue NW, Washington, DC 20500'],
    ['PSC 0413, Box 8144 APO AA 42323', 'PSC 0413, Box 8144 APO AA 42323'],
    ['code postal 75011', '75011'],
  ])('%s -> ADDRESS', (text, value) => {
    expect(found(text)).toContainEqual(['ADDRESS', value]);
  });
});

describe('names, organisations and places', () => {
  test.each<[string, Language, string[]]>([
    ["Bonjour, je m'appelle Camille Rousseau.", 'fr', ['Camille Rousseau']],
    ['J’ai eu Mme Lefèvre puis M. Benali au téléphone.', 'fr', ['Lefèvre', 'Benali']],
    ['Le conseiller Mehdi a été très patient.', 'fr', ['Mehdi']],
    ['Merci à Sandrine de l’agence.', 'fr', ['Sandrine']],
    ['Cordialement,\nJean-Pierre DUPONT', 'fr', ['Jean-Pierre DUPONT']],
    ['Avis de Thibault de La Roche : prix trop élevé.', 'fr', ['Thibault de La Roche']],
    ["je m'appelle kevin durand", 'fr', ['kevin durand']],
    ['Sophie, Gaëtane et Marc sont au top.', 'fr', ['Sophie', 'Gaëtane', 'Marc']],
    ['merci a kevin pour son aide', 'fr', ['kevin']],
    ['le livreur mohamed etait super', 'fr', ['mohamed']],
    ['follow up with patricia desrosiers next week', 'en', ['patricia desrosiers']],
    ['My name is Rachel Thompson.', 'en', ['Rachel Thompson']],
    ['The agent, Priya, was great; I spoke with Daniel Okafor.', 'en', ['Priya', 'Daniel Okafor']],
    ['Dr. Alan Hughes recommended you.', 'en', ['Alan Hughes']],
    ['Tilly Nicholson lives nearby.', 'en', ['Tilly Nicholson']],
    ['Halldór: what a day.', 'en', ['Halldór']],
    ['Producer James Sparks explained it.', 'en', ['James Sparks']],
    ['Have you been to a Ravil G Yefimov concert?', 'en', ['Ravil G Yefimov']],
    ['Ordered the Harry Potter box set.', 'en', ['Harry Potter']],
    ["Kevin's help was great, and Priya’s too.", 'en', ['Kevin', 'Priya']],
  ])('%s', (text, language, names) => {
    expect(found(text, language).filter(([t]) => t === 'PERSON').map(([, v]) => v)).toEqual(names);
  });

  test.each<[string, Language]>([
    ['Franchement déçu par le service client.', 'fr'],
    ['Le magasin de Lyon est fermé le Lundi.', 'fr'],
    ['Nice service, great tours.', 'en'],
    ['Will you call me back in May?', 'en'],
    ['Ordered April 1st, received the 28th.', 'en'],
    ['Entertainment Weekly and Personal Info.', 'en'],
    ['Livraison au 45 avenue Jean Jaurès, 69007 Lyon.', 'fr'],
    ['WHAT ??? I DON’T KNOW WHAT TO PRESS NEXT!!!', 'en'],
    ['merci a tous, avec plaisir, par contre rien', 'fr'],
    ['thanks to all of you, with love', 'en'],
    ['Merci Docteur, tout s’est bien passé.', 'fr'],
    ['Appli Doctolib : impossible de prendre rendez-vous.', 'fr'],
  ])('no PERSON in: %s', (text, language) => {
    expect(found(text, language).filter(([t]) => t === 'PERSON')).toEqual([]);
  });

  test.each<[string, string]>([
    ['Le livreur de Chronopost a laissé le colis.', 'Chronopost'],
    ['La société Dupont & Fils SARL nous a installé la cuisine.', 'Dupont & Fils SARL'],
    ['Le magasin Leroy Merlin de Lille.', 'Leroy Merlin'],
    ['J’ai été prélevé par Orange en janvier.', 'Orange'],
    ['I work for Aunt Bertha Inc', 'Aunt Bertha Inc'],
    ['Went to the Marks & Spencer store.', 'Marks & Spencer'],
  ])('%s -> ORG', (text, value) => {
    expect(found(text)).toContainEqual(['ORG', value]);
  });

  test.each<[string, string]>([
    ['Le colis est parti à Marseille.', 'Marseille'],
    ['Super accueil à Clermont-Ferrand.', 'Clermont-Ferrand'],
    ['The parcel went to Manchester instead of Leeds.', 'Manchester'],
    ["I'm in Flateyri, at the conference", 'Flateyri'],
    ['I live in New York now.', 'New York'],
  ])('%s -> LOCATION', (text, value) => {
    expect(found(text)).toContainEqual(['LOCATION', value]);
  });
});
