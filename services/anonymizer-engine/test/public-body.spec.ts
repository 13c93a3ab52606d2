import { describe, expect, test } from '@jest/globals';
import { analyze } from '../src/index.js';

function orgs(text: string): string[] {
  return analyze(text, { language: 'fr' }).findings.filter((f) => f.type === 'ORG').map((f) => text.slice(f.start, f.end));
}

describe('French organisations named by what they are (fr-public-body)', () => {
  test.each<[string, string]>([
    ['Le dossier est au tribunal judiciaire de Montauban depuis mars.', 'tribunal judiciaire de Montauban'],
    ['La cour d\'appel de Bourges a confirmé le jugement.', 'cour d\'appel de Bourges'],
    ['Mon fils est à la maison d\'arrêt de Fleury-Mérogis.', 'maison d\'arrêt de Fleury-Mérogis'],
    ['Transféré au centre pénitentiaire de Liancourt hier.', 'centre pénitentiaire de Liancourt'],
    ['J\'ai écrit au ministère de l\'Économie et des Finances.', 'ministère de l\'Économie et des Finances'],
    ['La préfecture de la Haute-Garonne a perdu mon dossier.', 'préfecture de la Haute-Garonne'],
    ['La mairie du 11e arrondissement ne répond pas.', 'mairie du 11e arrondissement'],
    ['le rectorat de l\'académie de Lille ne répond pas', 'rectorat de l\'académie de Lille'],
    ['La communauté d\'agglomération du Grand Narbonne ramasse les encombrants.', 'communauté d\'agglomération du Grand Narbonne'],
    ['Le Conseil d\'État a rejeté le recours.', 'Conseil d\'État'],
    ['L\'URSSAF me réclame des cotisations.', 'URSSAF'],
    ['La CPAM de la Sarthe a égaré ma feuille de soins.', 'CPAM de la Sarthe'],
    ['Le TJ de Pontoise a fixé l\'audience.', 'TJ de Pontoise'],
    ['Hospitalisée à l\'hôpital Saint-Louis en juin.', 'hôpital Saint-Louis'],
    ['le tribunal de bobigny a statué', 'tribunal de bobigny'],
    ['J\'ai fait appel à Plomberie Marchetti qui est venue dans l\'heure.', 'Plomberie Marchetti'],
  ])('%s', (text, org) => {
    expect(orgs(text)).toContain(org);
  });

  test.each<[string]>([
    ['Le tribunal a rendu sa décision hier.'],
    ['J\'ai appelé la mairie trois fois sans réponse.'],
    ['Le ministère n\'a jamais répondu.'],
    ['Mon numéro de sécurité sociale est sur la carte.'],
    ['Garage fermé le lundi, dommage.'],
    ['Pharmacie de garde introuvable le dimanche.'],
    ['La prison, c\'est ce que je vis avec ce contrat.'],
  ])('no organisation in: %s', (text) => {
    expect(orgs(text)).toEqual([]);
  });
});
