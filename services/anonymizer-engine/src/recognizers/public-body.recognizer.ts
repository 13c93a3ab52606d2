import { COMMON_WORDS, LOCATIONS, STOPWORDS, SURNAMES, TOWNS } from '../lexicon.js';
import type { Recognizer, Token } from '../recognizer.js';
import { TRADES } from '../statistical/templates.js';
import { tokensOf } from '../tokens.js';
import type { Finding } from '../types.js';

/**
 * French organisations named by what they are: courts, prisons, ministries, préfectures, mairies, public
 * bodies and agencies ("le tribunal judiciaire de Montauban", "la maison d'arrêt de Villepinte", "le
 * ministère des Armées"), their acronyms (CPAM, URSSAF, SNCF, "la CAF du Nord", "le TJ de Pontoise") and
 * firms named by their trade and their owner ("Plomberie Marchetti"). Matched on the folded text.
 */

// Kinds of body that identify one only with what follows: "de Montauban", "du Loiret", "Saint-Louis".
const HEADS = [
  'tribunal judiciaire', 'tribunal de proximite', 'tribunal de commerce', 'tribunal des activites economiques', 'tribunal administratif',
  'tribunal correctionnel', 'tribunal de grande instance', "tribunal d'instance", 'tribunal de police', 'tribunal pour enfants', 'tribunal paritaire des baux ruraux',
  'tribunal des affaires de securite sociale', 'tribunal', "cour d'appel", "cour administrative d'appel", "cour d'assises", 'conseil de prud\'hommes',
  "maison d'arret", 'centre penitentiaire', 'centre de detention', 'maison centrale', 'centre de semi-liberte', 'centre de retention administrative', 'prison',
  'etablissement penitentiaire', 'service penitentiaire d\'insertion et de probation', 'ministere', 'prefecture de police', 'prefecture', 'sous-prefecture', 'mairie',
  'hotel de ville', 'conseil departemental', 'conseil general', 'conseil regional', 'conseil municipal', 'rectorat de l\'academie', 'rectorat', 'academie',
  "inspection academique", 'caisse primaire d\'assurance maladie', "caisse d'allocations familiales", "caisse d'assurance retraite et de la sante au travail",
  'caisse de mutualite sociale agricole', 'mutualite sociale agricole', 'centre des finances publiques', 'direction departementale des finances publiques',
  'direction regionale des finances publiques', 'direction generale des finances publiques', 'service des impots des particuliers', 'service des impots des entreprises',
  'centre des impots', 'tresorerie', 'centre hospitalier universitaire', 'centre hospitalier regional', 'centre hospitalier', 'hopital', 'clinique', 'ehpad',
  'maison de retraite', 'gendarmerie', 'brigade de gendarmerie', 'compagnie de gendarmerie', 'commissariat', 'commissariat de police', 'hotel de police',
  'agence regionale de sante', 'office de tourisme', 'communaute de communes', "communaute d'agglomeration", 'communaute urbaine', 'metropole', 'universite',
  'lycee', 'college', 'ecole', 'groupe scolaire', 'office public de l\'habitat', 'maison departementale des personnes handicapees', "centre communal d'action sociale",
  'agence france travail', 'agence pole emploi', 'caisse d\'epargne', 'chambre de commerce et d\'industrie', 'chambre des metiers', 'chambre regionale des comptes',
  'barreau', 'ordre des avocats', 'parquet', 'centre pour enfants', 'foyer', 'institut medico-educatif', 'aide sociale a l\'enfance', 'protection judiciaire de la jeunesse',
];
// Bodies that are one institution whatever follows.
const FIXED = [
  'cour de cassation', "conseil d'etat", 'conseil constitutionnel', 'cour des comptes', 'defenseur des droits', 'banque de france', 'tresor public',
  'assurance maladie', 'assurance retraite', 'securite sociale', 'pole emploi', 'france travail', 'caisse des depots', 'caisse nationale d\'assurance vieillesse',
  'agence nationale des titres securises', "agence nationale de l'habitat", 'mediateur national de l\'energie', 'prison de la sante', 'education nationale',
  'assemblee nationale', 'senat', 'agence regionale de sante', 'elysee', 'protection judiciaire de la jeunesse', 'aide sociale a l\'enfance', 'prefecture de police',
];
// Fixed names that are also common phrases ("mon numéro de sécurité sociale"): the institution is capitalised.
const CAPITALISED_ONLY = new Set(['assurance maladie', 'assurance retraite', 'securite sociale', 'education nationale', 'tresor public', 'aide sociale a l\'enfance', 'senat']);
// Heads that may take a name straight after them: "Hôpital Saint-Louis", "Lycée Victor Hugo", "Ehpad Les Glycines".
const NAMED_DIRECTLY = new Set(['hopital', 'clinique', 'ehpad', 'maison de retraite', 'lycee', 'college', 'ecole', 'groupe scolaire', 'universite', 'centre hospitalier', 'foyer', 'institut medico-educatif', 'prison']);
// Acronyms of bodies customers deal with: alone, or with a place ("la CPAM de la Sarthe").
const ACRONYMS = new Set([
  'cpam', 'urssaf', 'sncf', 'caf', 'msa', 'cnil', 'dgfip', 'ddfip', 'drfip', 'edf', 'grdf', 'gdf', 'enedis', 'rte', 'ratp', 'ars', 'crous', 'mdph', 'ccas', 'spip', 'ants', 'cnav',
  'carsat', 'insee', 'ofii', 'ofpra', 'ademe', 'anah', 'ddpp', 'dreets', 'dgccrf', 'agirc-arrco', 'apec', 'onisep', 'acpr', 'amf', 'arcom', 'arcep', 'cram', 'udaf', 'pjj',
  'ap-hp', 'aphp', 'hcl', 'aphm', 'ap-hm', 'oph', 'onf', 'rsi', 'cnaf', 'cnam', 'cnamts', 'direccte', 'pmi', 'cmp', 'cmpp', 'afpa', 'anpe', 'assedic', 'unedic', 'sdis',
  'samu', 'cnrs', 'inserm', 'anssi', 'dgse', 'dgsi', 'dgfp', 'cnaf', 'ufc-que choisir', 'dila', 'sgar', 'dreal', 'ddt', 'ddtm', 'opac', 'semop', 'sytral', 'sncb',
]);
// Acronyms of kinds of body: only with what follows ("le TJ de Pontoise", "le CHU de Poitiers").
const ACRONYM_HEADS = new Set(['tj', 'ta', 'tgi', 'ti', 'ca', 'caa', 'cph', 'chu', 'chr', 'chru', 'ch', 'sip', 'sie', 'ehpad', 'iut', 'tc', 'cra', 'ime', 'cpas']);
// Trades that name a small firm with its owner's name: "Plomberie Marchetti", "Transports Rigaud".
const FIRM_TRADES = new Set(TRADES.fr.filter((t) => !t.includes(' ')).map((t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()).concat(['etablissements', 'ets', 'entreprise', 'atelier', 'maison', 'cave', 'domaine', 'chateau', 'boucherie', 'charcuterie', 'patisserie', 'ebenisterie', 'tapisserie', 'ambulances', 'taxi']));
// Firm words that are also common nouns opening a sentence: they need a name that is no ordinary word.
const LOOSE_TRADES = new Set(['maison', 'cave', 'domaine', 'chateau', 'entreprise', 'atelier', 'conseil', 'fleurs', 'vins', 'voyages', 'peinture', 'securite', 'garage', 'taxis', 'taxi']);

function byFirstWord(phrases: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of [...phrases].sort((a, b) => b.length - a.length)) {
    const first = /^[a-z-]+/.exec(p)?.[0] ?? p;
    map.set(first, [...(map.get(first) ?? []), p]);
  }
  return map;
}
const HEADS_BY_WORD = byFirstWord(HEADS);
const FIXED_BY_WORD = byFirstWord(FIXED);

// "de", "du", "des", "de la", "de l'", "d'" between a body and its place (folded text).
const LINK = /(?:de la |de l'|du |des |de |d')/y;
// Words that continue a place's name after a space: "Grand Narbonne", "Val de Loire", "Pays Basque".
const PLACE_OPENERS = new Set(['grand', 'grande', 'saint', 'sainte', 'st', 'ste', 'le', 'la', 'les', 'val', 'mont', 'pays', 'cote', 'ile', 'haute', 'haut', 'bas', 'basse', 'nouvelle', 'petit', 'petite', 'vieux', 'pont', 'port', 'puy', 'aix', 'boulogne', 'villeneuve', 'seine', 'loire', 'marne', 'victor', 'jean', 'jules', 'louis', 'pierre', 'marie', 'charles']);
const PLACE_PARTICLES = /^ (?:de|du|des|la|le|les|sur|sous|en|et|aux?|d'|l')( |$)/;
const ARRONDISSEMENT = /du \d{1,2}(?:e|er|eme) arrondissement(?: de (?:paris|lyon|marseille))?/y;
const AND_MORE = /(?: et de la | et de l'| et des | et du | et de |, de la |, de l'|, des |, du )/y;

/** The token starting at or after a position (tokens are sorted). */
function tokenAt(tokens: readonly Token[], from: number, pos: number): number {
  let k = from;
  while (k < tokens.length && (tokens[k] as Token).start < pos) k++;
  return k;
}

/** A word that can name a place or an institution: capitalised, or a known place written in lower case. */
function nameWord(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.startsUpper) return !STOPWORDS.has(t.f) || PLACE_OPENERS.has(t.f);
  return (LOCATIONS.has(t.f) || TOWNS.has(t.f)) && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f) && t.f.length >= 3;
}

/**
 * The end of a place or institution name starting at token k ("Montauban", "Val-d'Oise", "Grand Narbonne",
 * "Saint-Germain-en-Laye", "Victor Hugo"), or -1 when token k cannot start one.
 */
function nameEnd(text: string, folded: string, tokens: readonly Token[], k: number): number {
  const first = tokens[k];
  if (!nameWord(first) || !first) return -1;
  let last = k;
  for (let n = 0; n < 4; n++) {
    const cur = tokens[last] as Token;
    const next = tokens[last + 1];
    if (!next) break;
    const gap = text.slice(cur.end, next.start);
    if (gap === '-' || gap === "'" || gap === '’') {
      last++;
      continue;
    }
    if (gap === ' ' && next.startsUpper && !STOPWORDS.has(next.f) && PLACE_OPENERS.has(cur.f)) {
      last++;
      continue;
    }
    // "Val de Loire", "Châlons-en-Champagne" written with spaces: a particle, then a capitalised word.
    const after = tokens[last + 2];
    const particle = PLACE_PARTICLES.exec(folded.slice(cur.end, next.end + 1));
    if (gap === ' ' && particle && after && after.startsUpper && !STOPWORDS.has(after.f) && text.slice(next.end, after.start) === ' ' && PLACE_OPENERS.has(cur.f)) {
      last += 2;
      continue;
    }
    break;
  }
  return last;
}

/** Where a body's complement ends ("de la Sarthe", "du 11e arrondissement", "de l'Économie et des Finances"), or -1. */
function complementEnd(input: { text: string; folded: string }, tokens: readonly Token[], from: number, pos: number, head: string, directly: boolean): number {
  const { text, folded } = input;
  if (folded[pos] !== ' ') return -1;
  ARRONDISSEMENT.lastIndex = pos + 1;
  if (ARRONDISSEMENT.exec(folded)) return ARRONDISSEMENT.lastIndex;
  LINK.lastIndex = pos + 1;
  const link = LINK.exec(folded);
  let k = tokenAt(tokens, from, link ? LINK.lastIndex : pos + 1);
  if (!link && !directly) return -1;
  // "d'appel" style links are inside the head; here the next token must start right after the link.
  if ((tokens[k] as Token | undefined)?.start !== (link ? LINK.lastIndex : pos + 1)) return -1;
  let last = nameEnd(text, folded, tokens, k);
  if (last < 0) return -1;
  // Ministries list their fields: "de l'Économie et des Finances".
  while (head === 'ministere') {
    AND_MORE.lastIndex = (tokens[last] as Token).end;
    if (!AND_MORE.exec(folded)) break;
    k = tokenAt(tokens, last + 1, AND_MORE.lastIndex);
    const more = (tokens[k] as Token | undefined)?.start === AND_MORE.lastIndex ? nameEnd(text, folded, tokens, k) : -1;
    if (more < 0) break;
    last = more;
  }
  return (tokens[last] as Token).end;
}

/** Longest phrase of `map` starting at `pos` of the folded text, ending at a word boundary. */
function phraseAt(map: Map<string, string[]>, word: string, folded: string, pos: number): string | undefined {
  for (const p of map.get(word) ?? []) {
    if (folded.startsWith(p, pos) && !/[\p{L}\p{N}]/u.test(folded[pos + p.length] ?? ' ')) return p;
  }
  return undefined;
}

export const publicBodyRecognizer: Recognizer = {
  name: 'fr-public-body',
  types: ['ORG'],
  languages: ['fr'],
  analyze(input) {
    const tokens = tokensOf(input);
    const { text, folded } = input;
    const out: Finding[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      // A capital elision stays in the token ("L'URSSAF", "L'hôpital"): the body starts after it.
      const elision = /^(?:l|d|qu)'/.exec(t.f);
      const start = elision ? t.start + elision[0].length : t.start;
      const word = /^[\p{L}-]+/u.exec(folded.slice(start, t.end))?.[0] ?? '';
      const raw = text.slice(start, t.end);
      let end = -1;
      let score = 0.9;
      const fixed = phraseAt(FIXED_BY_WORD, word, folded, start);
      const head = phraseAt(HEADS_BY_WORD, word, folded, start);
      if (head) end = complementEnd(input, tokens, i + 1, start + head.length, head, NAMED_DIRECTLY.has(head));
      if (end < 0 && fixed && (!CAPITALISED_ONLY.has(fixed) || /^\p{Lu}/u.test(raw))) end = start + fixed.length;
      const acronym = end < 0 && /^\p{Lu}.*\p{Lu}/u.test(raw) && raw === raw.replace(/[a-z]{2,}/g, '') && raw.length >= 2;
      if (acronym && (ACRONYMS.has(word) || ACRONYM_HEADS.has(word))) {
        end = complementEnd(input, tokens, i + 1, start + word.length, word, false);
        if (end < 0 && ACRONYMS.has(word)) {
          end = start + word.length;
          score = 0.85;
        }
      }
      // "Plomberie Marchetti", "Transports Rigaud": a trade, capitalised, then a name that is no ordinary word.
      if (end < 0 && t.cap && !elision && FIRM_TRADES.has(t.f)) {
        const next = tokens[i + 1];
        const loose = LOOSE_TRADES.has(t.f) || t.sentenceStart;
        const ordinary = STOPWORDS.has(next?.f ?? '') || (COMMON_WORDS.has(next?.f ?? '') && (loose || !SURNAMES.has(next?.f ?? '')));
        if (next && next.cap && text.slice(t.end, next.start) === ' ' && !ordinary && !FIRM_TRADES.has(next.f) && !(loose && LOCATIONS.has(next.f))) {
          end = next.end;
          // Above a person's reading of the same words ("la Boulangerie Paul" is the shop).
          score = loose ? 0.7 : 0.88;
        }
      }
      if (end < 0) continue;
      out.push({ type: 'ORG', start, end, score, recognizer: 'fr-public-body' });
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).start < end) i++;
    }
    return out;
  },
};
