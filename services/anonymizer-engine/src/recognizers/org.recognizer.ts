import { COMMON_WORDS, KNOWN_ORGS, STOPWORDS } from '../lexicon.js';
import type { Recognizer, Token } from '../recognizer.js';
import { PhraseSet } from '../text.js';
import { tokensOf } from '../tokens.js';
import type { Finding } from '../types.js';

const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'snc', 'sci', 'scop', 'gie', 'inc', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'bv', 'nv', 'corp', 'co', 'spa', 'srl', 'group', 'groupe', 'holding', 'limited', 'corporation', 'incorporated', 'company']);
// Words before an organisation: "la société X", "chez X" (when X is not a person), "works at X".
const ORG_CUE = new PhraseSet([
  'societe', 'entreprise', 'boite', 'banque', 'agence', 'enseigne', 'marque', 'cabinet', 'groupe', 'company', 'firm', 'bank', 'agency', 'brand', 'employer',
  'employeur', 'work for', 'works for', 'worked for', 'working for', 'work at', 'works at', 'worked at', 'working at', 'travaille pour', 'travaille chez',
  'travaille a', 'employe chez', 'employee chez', 'chez', 'client de', 'customer of', 'assureur', 'insurer', 'operateur', 'operator', 'fournisseur',
  'supplier', 'provider', 'mutuelle',
]);
const KNOWN = KNOWN_ORGS;
const KNOWN_FIRST_WORDS = new Set([...KNOWN].map((k) => k.split(' ')[0] as string));
const ORG_JOIN = /^(?: | ?& ?|-| - )$/;
const AMBIGUOUS_KNOWN = new Set(['orange', 'free', 'total', 'target', 'sky', 'casino', 'booking', 'meta', 'ee', 'bt', 'caf', 'ups', 'next', 'three', 'virgin', 'boots', 'but', 'april', 'ing', 'hermes', 'ovo', 'picard', 'speedy', 'midas']);

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
      // Capitalised run (up to 5 words) starting here; built only when a legal form or a cue may need it.
      let j = i;
      let legal = false;
      for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) if (LEGAL_FORMS.has((tokens[k] as Token).f)) legal = true;
      const cue = ORG_CUE.endsWith(input.folded.slice(Math.max(0, t.start - 24), t.start), ' ', 1);
      if (legal || cue) {
        while (j + 1 < tokens.length && j - i < 4 && (tokens[j + 1] as Token).startsUpper && ORG_JOIN.test(input.text.slice((tokens[j] as Token).end, (tokens[j + 1] as Token).start))) j++;
      }
      // Legal form at the end of the run: "Dupont & Fils SARL", "Acme Ltd".
      for (let k = j; k > i; k--) {
        if (LEGAL_FORMS.has((tokens[k] as Token).f)) {
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
      // After a cue: the capitalised run itself ("la société Verbatim Analytics").
      if (cue && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f) && (t.cap || t.upper)) {
        out.push({ type: 'ORG', start: t.start, end: (tokens[j] as Token).end, score: 0.55, recognizer: 'org' });
        i = j;
      }
    }
    return out;
  },
};
