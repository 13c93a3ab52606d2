import { COMMON_WORDS, ENGLISH_WORDS, FIRST_NAMES, LOCATIONS, MAJOR_PLACES, STOPWORDS, SURNAMES } from '../lexicon.js';
import type { Recognizer, Token } from '../recognizer.js';
import { PLACE_HEADS } from './person-cues.js';
import { tokensOf } from '../tokens.js';
import type { Finding } from '../types.js';

const MAX_WORDS = 5;
// First words of gazetteer entries ("saint" of Saint-Étienne, "new" of New York): other tokens are skipped at once.
const LOCATION_FIRST_WORDS = new Set([...LOCATIONS].map((l) => l.split(/[ \-'’]/)[0] as string));
// Words before a place: "à", "in", "habite à", "près de", "from".
const PLACE_CUE = /(?:^|[^\p{L}])(?:a|au|aux|en|de|d'|du|vers|pres de|depuis|sur|in|at|from|near|to|around|outside|visit|visiting|habite|vis|live|lives|living|based|moved|demenage)\s$/u;
// Words that make an unknown capitalised word a place ("I'm in Flateyri", "habite à Plouha").
const STRICT_PLACE_CUE = /(?:^|[^\p{L}])(?:home city|home town|hometown|city of|town of|village of|i'm in|i am in|live in|lives in|living in|moved to|moved here from|from|near|habite a|vis a|j'habite a|je suis a|originaire de|pres de|demenage a|in|flew to|fly to|flying to|travelled to|traveled to|travelling to|traveling to|went to|going to|trip to|grew up in|born in|based in|parti a|alle a|allee a|vole vers|ne a|nee a)\s$/u;
// Places that are also everyday words or names ("Nice service", "Tours", "Florence").
const AMBIGUOUS = new Set([...STOPWORDS, 'nice', 'tours', 'orange', 'sens', 'grasse', 'bar', 'gap', 'mer', 'condom', 'digne', 'bonneuil', 'marly', 'vierzon', 'florence', 'lourdes', 'charlotte', 'victoria', 'chelsea', 'mobile', 'reading', 'bath', 'nancy']);

const PLACE_WORDS = new Set([...PLACE_HEADS, 'san', 'santa', 'sao', 'porto', 'puerto', 'villa', 'bad']);
const PLACE_PARTICLES = new Set(['del', 'de', 'la', 'do', 'da', 'di', 'am', 'an', 'im', 'sur', 'upon', 'on']);

function unknownProper(f: string): boolean {
  return f.length >= 3 && !ENGLISH_WORDS.has(f) && !STOPWORDS.has(f) && !COMMON_WORDS.has(f) && !FIRST_NAMES.has(f) && !SURNAMES.has(f);
}

/**
 * Places from the gazetteer (communes of 2,000+ inhabitants, departments, regions, countries, large
 * world cities), longest match first, capitalised in the text; a place that is also a common word or a
 * name (Nice, Tours, Florence) needs a preposition before it.
 */
export const locationRecognizer: Recognizer = {
  name: 'location',
  types: ['LOCATION'],
  languages: ['fr', 'en'],
  analyze(input) {
    const tokens = tokensOf(input);
    const out: Finding[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!t.cap && !t.upper) continue;
      // Longest gazetteer entry starting here (words joined by a space or hyphen in the text).
      let best = -1;
      let key = '';
      for (let j = i; j < Math.min(tokens.length, i + MAX_WORDS) && (j > i || LOCATION_FIRST_WORDS.has(t.f) || LOCATIONS.has(t.f)); j++) {
        const cur = tokens[j] as Token;
        key = j === i ? cur.f : key + input.folded.slice((tokens[j - 1] as Token).end, cur.start) + cur.f;
        if (LOCATIONS.has(key)) best = j;
        if (!cur.joinedToNext && !/^['’ -]$/.test(input.text.slice(cur.end, tokens[j + 1]?.start ?? cur.end))) break;
      }
      if (best < 0) {
        // An unknown proper noun right after "in", "from", "à" (Flateyri, Kenosha): a place more often than not.
        // Written in capitals too ("flew to LEPPEN", "in ΛΕΥΚΩΣΙΑ"), from four letters (not "in IBM").
        const unknown = (t.cap || (t.upper && t.f.length >= 4)) && unknownProper(t.f);
        const next = tokens[i + 1];
        // Place words before a name ("Port Paien", "Cité Merzgui", "Mount Kenya"), English texts.
        const placeWord = input.language === 'en' && t.cap && PLACE_WORDS.has(t.f) && t.joinedToNext && next !== undefined && next.cap && unknownProper(next.f);
        // "Villafranca del Cid": particles and further unknown capitalised words continue the place.
        let last = placeWord ? i + 1 : i;
        while (unknown || placeWord) {
          const a = tokens[last + 1];
          const b = tokens[last + 2];
          if (!(tokens[last] as Token).joinedToNext || a === undefined) break;
          if (a.cap && unknownProper(a.f)) last++;
          else if (PLACE_PARTICLES.has(a.f) && a.joinedToNext && b !== undefined && b.cap && !STOPWORDS.has(b.f) && !COMMON_WORDS.has(b.f)) last += 2;
          else break;
        }
        const nameFollows = last === i && t.joinedToNext && next !== undefined && (next.cap || next.initial);
        if ((unknown || placeWord) && !nameFollows && !t.sentenceStart && STRICT_PLACE_CUE.test(input.folded.slice(Math.max(0, t.start - 24), t.start))) {
          out.push({ type: 'LOCATION', start: t.start, end: (tokens[last] as Token).end, score: 0.6, recognizer: 'location' });
          i = last;
        }
        continue;
      }
      const last = tokens[best] as Token;
      const single = best === i;
      const cue = PLACE_CUE.test(input.folded.slice(Math.max(0, t.start - 14), t.start));
      const ambiguous = single && (AMBIGUOUS.has(t.f) || (input.language === 'en' && ENGLISH_WORDS.has(t.f) && !MAJOR_PLACES.has(t.f)) || ((FIRST_NAMES.has(t.f) || SURNAMES.has(t.f)) && !MAJOR_PLACES.has(t.f)));
      if (t.upper && single && t.f.length <= 3 && !cue) continue;
      // A single word opening a sentence is a place only if it is a well-known one ("Paris est...", not "Bonne qualité").
      let score = cue ? 0.85 : t.sentenceStart ? (single && !MAJOR_PLACES.has(t.f) ? 0 : 0.6) : 0.75;
      if (ambiguous) score = cue ? 0.6 : 0;
      if (score > 0) out.push({ type: 'LOCATION', start: t.start, end: last.end, score, recognizer: 'location' });
      i = best;
    }
    return out;
  },
};
