import { COMMON_FIRST_NAMES, COMMON_WORDS, ENGLISH_WORDS, FIRST_NAMES, HUMAN_NAMES, KNOWN_ORGS, LOCATIONS, NEVER_NAMES, STOPWORDS, SURNAMES } from '../lexicon.js';
import type { Recognizer, Token } from '../recognizer.js';
import { fold, PhraseSet } from '../text.js';
import { tokensOf } from '../tokens.js';
import type { Finding } from '../types.js';

const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'snc', 'sci', 'scop', 'gie', 'inc', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'bv', 'nv', 'corp', 'co', 'spa', 'srl', 'group', 'groupe', 'holding', 'limited', 'corporation', 'incorporated', 'company']);
// Words before an organisation: "la société X", "chez X" (when X is not a person), "works at X".
const ORG_CUE = new PhraseSet([
  'societe', 'entreprise', 'boite', 'banque', 'agence', 'enseigne', 'marque', 'cabinet', 'groupe', 'company', 'firm', 'bank', 'agency', 'brand', 'employer',
  'employeur', 'work for', 'works for', 'worked for', 'working for', 'work at', 'works at', 'worked at', 'working at', 'travaille pour', 'travaille chez',
  'travaille a', 'employe chez', 'employee chez', 'chez', 'client de', 'customer of', 'assureur', 'insurer', 'operateur', 'operator', 'fournisseur',
  'supplier', 'provider', 'mutuelle', 'prestataire', 'sous-traitant', 'transporteur', 'syndic', 'bailleur', 'concessionnaire', 'revendeur', 'constructeur',
  'editeur', 'filiale', 'franchise', 'compagnie', 'contractor', 'subcontractor', 'vendor', 'retailer', 'manufacturer', 'carrier',
]);
// English words that end a company name ("Loveland Technologies", "Balefire Global", "Can Capital").
const EN_ORG_SUFFIXES = new Set(['technologies', 'technology', 'systems', 'solutions', 'capital', 'partners', 'insights', 'labs', 'holdings', 'industries', 'consulting', 'ventures', 'associates', 'enterprises', 'global', 'analytics', 'networks', 'software', 'pharmaceuticals', 'logistics', 'airlines', 'airways', 'motors', 'bancorp', 'pty']);
// Words before a run that may start a company name without being part of it.
const RUN_OPENERS = new Set(['the', 'a', 'an', 'our', 'my', 'your', 'their', 'his', 'her', 'this', 'that', 'at', 'in', 'on', 'for', 'from', 'to', 'of', 'and', 'with', 'by', 'le', 'la', 'les', 'de', 'du', 'des', 'chez', 'et']);
// English cues right before an unknown capitalised name: "a year at Weeks-Rivas", "the address of Evidera".
const EN_ORG_BEFORE = /(?:^|[^\p{L}])(?:at|for|address of|offices? of|headquarters of|website of|ceo of|founder of|customers? of|shares in|shares of)\s$/u;
// Nouns after "the X": "The Propublica office", "the Exversion Orchestra".
const EN_ORG_AFTER = /^\s(?:office|offices|headquarters|hq|orchestra|foundation|store|stores|branch|branches|app|website|helpline|hotline|shareholders|employees|staff)(?![\p{L}])/u;
// A partnership named after its partners: "Davis, Reynolds and Williamson", "Hawkins, Richardson & Santana".
const PARTNERS = /(\p{Lu}[\p{L}'’\-]{1,30}), (\p{Lu}[\p{L}'’\-]{1,30}),? (?:and|&) (\p{Lu}[\p{L}'’\-]{1,30})(?![\p{L}])/uy;
const PARTNER_CUE = /(?:^|[^\p{L}])(?:the|from|at|for|of|with|by|joined|left)\s$/u;

function isSurname(f: string): boolean {
  return SURNAMES.has(f) || HUMAN_NAMES.has(f);
}
/** A capitalised word no dictionary knows (not a word, a name or a place): "Evidera", "Weeks-Rivas" as a whole. */
function unknownWord(t: Token): boolean {
  return (t.cap || t.upper) && t.f.length >= 3 && !ENGLISH_WORDS.has(t.f) && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f) && !NEVER_NAMES.has(t.f) && !FIRST_NAMES.has(t.f) && !LOCATIONS.has(t.f);
}
/** "Mayo-Walters", "Weeks-Rivas": two surnames joined by a hyphen, neither a common first name. */
function doubleSurname(t: Token): boolean {
  const parts = t.f.split('-');
  return parts.length === 2 && parts.every((p) => p.length >= 3 && isSurname(p) && !COMMON_FIRST_NAMES.has(p));
}

const KNOWN = KNOWN_ORGS;
const KNOWN_FIRST_WORDS = new Set([...KNOWN].map((k) => k.split(' ')[0] as string));
const ORG_JOIN = /^(?: | ?& ?|-| - )$/;
const AMBIGUOUS_KNOWN = new Set(['orange', 'free', 'total', 'target', 'sky', 'casino', 'booking', 'meta', 'ee', 'bt', 'caf', 'ups', 'next', 'three', 'virgin', 'boots', 'but', 'april', 'ing', 'hermes', 'ovo', 'picard', 'speedy', 'midas']);

function isLegalForm(t: Token, en: boolean): boolean {
  return LEGAL_FORMS.has(t.f) || (en && t.startsUpper && EN_ORG_SUFFIXES.has(t.f));
}

export const orgRecognizer: Recognizer = {
  name: 'org',
  types: ['ORG'],
  languages: ['fr', 'en'],
  analyze(input) {
    const tokens = tokensOf(input);
    const out: Finding[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!t.startsUpper) continue;
      const en = input.language === 'en';
      if (en && t.cap) {
        // "Davis, Reynolds and Williamson": three surnames, after "the/from/at" or before an organisation noun.
        PARTNERS.lastIndex = t.start;
        const p = PARTNERS.exec(input.text);
        if (p) {
          const names = [p[1], p[2], p[3]].map((n) => fold(n as string));
          const surnames = names.every(isSurname) && names.filter((n) => COMMON_FIRST_NAMES.has(n)).length <= 1;
          const end = t.start + p[0].length;
          if (surnames && (PARTNER_CUE.test(input.folded.slice(Math.max(0, t.start - 12), t.start)) || EN_ORG_AFTER.test(input.folded.slice(end, end + 16)))) {
            out.push({ type: 'ORG', start: t.start, end, score: 0.8, recognizer: 'org' });
            while (i + 1 < tokens.length && (tokens[i + 1] as Token).start < end) i++;
            continue;
          }
        }
      }
      // Capitalised run (up to 5 words) starting here; built only when a legal form or a cue may need it.
      let j = i;
      let legal = false;
      for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) if (isLegalForm(tokens[k] as Token, en)) legal = true;
      const cue = ORG_CUE.endsWith(input.folded.slice(Math.max(0, t.start - 24), t.start), ' ', 1);
      // "The Acme Ltd": the article is not part of the name (English only: "La Poste" is a name).
      if (legal && en && RUN_OPENERS.has(t.f) && t.cap) continue;
      if (legal || cue) {
        while (j + 1 < tokens.length && j - i < 4 && (tokens[j + 1] as Token).startsUpper && ORG_JOIN.test(input.text.slice((tokens[j] as Token).end, (tokens[j + 1] as Token).start))) j++;
      }
      // Legal form at the end of the run: "Dupont & Fils SARL", "Acme Ltd".
      for (let k = j; k > i; k--) {
        if (isLegalForm(tokens[k] as Token, en)) {
          out.push({ type: 'ORG', start: t.start, end: (tokens[k] as Token).end, score: 0.85, recognizer: 'org' });
          i = k;
          break;
        }
      }
      if (out.length > 0 && (out[out.length - 1] as Finding).start === t.start) continue;
      // Known company names, longest first.
      let matched = -1;
      let key = '';
      for (let k = i; k <= Math.min(i + 3, tokens.length - 1) && KNOWN_FIRST_WORDS.has(t.f); k++) {
        // The words as written between the tokens ("marks & spencer", "h&m", "e.leclerc"), spaces collapsed.
        key = k === i ? (tokens[k] as Token).f : key + input.folded.slice((tokens[k - 1] as Token).end, (tokens[k] as Token).start).replace(/\s+/g, ' ') + (tokens[k] as Token).f;
        if (KNOWN.has(key)) matched = k;
      }
      if (matched >= 0) {
        const single = matched === i;
        // All-caps text is shouting, not an acronym ("PRESS NEXT!!!").
        const shouting = t.upper && [tokens[i - 1], tokens[matched + 1]].some((n) => n !== undefined && n.upper && n.f.length >= 2 && !KNOWN.has(n.f));
        const ambiguous = single && AMBIGUOUS_KNOWN.has(t.f) && (!t.upper || shouting);
        // A multi-word company name ("Leroy Merlin", "British Gas") beats the person reading of its words.
        // An ambiguous name inside a sentence is the company in French ("prélevé par Orange"), where
        // months and common nouns are not capitalised; in English it needs a cue ("Ordered April 1st").
        const score = ambiguous ? (cue || (!t.sentenceStart && !shouting && input.language === 'fr') ? 0.6 : 0) : !single ? 0.95 : t.sentenceStart && !t.upper ? 0.65 : 0.8;
        if (score > 0) out.push({ type: 'ORG', start: t.start, end: (tokens[matched] as Token).end, score, recognizer: 'org' });
        i = matched;
        continue;
      }
      // English: an unknown name after "at", "for", "the address of", or "the X office": a company.
      if (en && !t.sentenceStart && (unknownWord(t) || doubleSurname(t)) && !(t.joinedToNext && tokens[i + 1] !== undefined && (tokens[i + 1] as Token).initial)) {
        const before = EN_ORG_BEFORE.test(input.folded.slice(Math.max(0, t.start - 20), t.start));
        const after = /(?:^|[^\p{L}])the\s$/u.test(input.folded.slice(Math.max(0, t.start - 5), t.start)) && EN_ORG_AFTER.test(input.folded.slice(t.end, t.end + 16));
        if (before || after || doubleSurname(t)) {
          out.push({ type: 'ORG', start: t.start, end: t.end, score: before || after ? 0.7 : 0.55, recognizer: 'org' });
          continue;
        }
      }
      // After a cue: the capitalised run itself ("la société Verbatim Analytics").
      if (cue && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f) && (t.cap || t.upper)) {
        out.push({ type: 'ORG', start: t.start, end: (tokens[j] as Token).end, score: 0.55, recognizer: 'org' });
        i = j;
      }
    }
    return out;
  },
};
