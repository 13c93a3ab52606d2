import { ENGLISH_WORDS, NEVER_NAMES, STOPWORDS } from '../lexicon.js';
import { patternRecognizer, type Recognizer } from '../recognizer.js';
import { fold } from '../text.js';
import type { Finding } from '../types.js';

// French: number (bis/ter), street type, then name words (capitalised words and the little words of
// street names) separated by single spaces, optionally ", 75002 Paris" or " 75002 PARIS CEDEX 02".
// No /i flag: under /iu \p{Lu} also matches lower case, which would let one word split many ways.
// Every repetition is bounded and needs a separator, so a match attempt costs O(length).
function anyCase(words: string[]): string {
  return words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]).map((w) => w.replace(/\./g, '\\.')).join('|');
}
const FR_STREET = `(?:${anyCase(['rue', 'avenue', 'av.', 'bd', 'boulevard', 'place', 'pl.', 'chemin', 'impasse', 'allée', 'allee', 'quai', 'route', 'rte', 'cours', 'square', 'passage', 'voie', 'faubourg', 'fbg', 'lieu-dit', 'résidence', 'residence', 'cité', 'sentier', 'parvis', 'esplanade', 'promenade', 'rond-point', 'hameau', 'villa', 'clos', 'montée', 'traverse', 'ruelle', 'venelle'])})`;
const FR_LITTLE = "(?:de|du|des|la|le|les|aux|au|et|sur|sous|en|saint|sainte|l['’]|d['’])";
const FR_NAME_WORD = `(?:${FR_LITTLE}(?=\\s|\\p{L})|[\\p{Lu}\\d][\\p{L}\\p{M}'’\\-.]{0,30})`;
const FR_NAME = `${FR_NAME_WORD}(?:\\s?(?<=['’]|\\s)${FR_NAME_WORD}){0,6}`;
const FR_CITY = "\\d{5}\\s[\\p{Lu}][\\p{L}\\p{M}'’\\-]{1,30}(?:[\\s\\-](?:sur|sous|en|le|la|les|de|du|des|[\\p{Lu}][\\p{L}\\p{M}'’\\-]{1,30})){0,4}(?:\\s(?:cedex|CEDEX|Cedex)(?:\\s\\d{1,2})?)?";
const FR_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\s?(?:bis|ter|quater|[a-dA-D])(?![\\p{L}]))?,?\\s${FR_STREET}\\s${FR_NAME}(?:,?\\s?${FR_CITY})?`,
  'gu',
);
const FR_POSTCODE_CITY = new RegExp(`(?<![\\p{L}\\p{N}])(?:0[1-9]|[1-8]\\d|9[0-8]|2[AB])\\d{3}\\s[\\p{Lu}][\\p{L}\\p{M}'’\\-]{1,30}(?:[\\s\\-](?:sur|sous|en|le|la|les|de|du|des|[\\p{Lu}][\\p{L}\\p{M}'’\\-]{1,30})){0,4}(?:\\s(?:cedex|CEDEX)(?:\\s\\d{1,2})?)?`, 'gu');
const BP = /(?<![\p{L}\p{N}])(?:BP|CS|TSA)\s?\d{2,6}(?![\p{L}\p{N}])/gu;

// English: number, capitalised name words, street type, optional unit, city, state/postcode.
const EN_STREET = '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Way|Close|Crescent|Parkway|Pkwy|Highway|Hwy|Gardens|Grove|Mews|Row|Hill|Circle|Cir|Trail|Walk|Park|Broadway)\\.?';
const UK_POSTCODE = '[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}';
const US_STATE = '(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])';
const EN_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?\\s(?:[\\p{Lu}\\d][\\p{L}'’\\-]{0,25}\\s){1,4}${EN_STREET}(?![\\p{L}])(?:\\s(?:NE|NW|SE|SW|N|S|E|W)(?![\\p{L}]))?` +
    `(?:,?\\s(?:Apt|Apartment|Suite|Unit|Flat|Fl)\\.?\\s?#?[\\dA-Z]{1,5})?` +
    `(?:,\\s[\\p{Lu}][\\p{L}'’\\-]{1,25}(?![\\p{N}])(?:\\s[\\p{Lu}][\\p{L}'’\\-]{1,25}(?![\\p{N}])){0,2})?` +
    `(?:,?\\s(?:${US_STATE}\\s\\d{5}(?:-\\d{4})?|${UK_POSTCODE}))?`,
  'gu',
);
const UK_POSTCODE_ALONE = new RegExp(`(?<![\\p{L}\\p{N}])${UK_POSTCODE}(?![\\p{L}\\p{N}])`, 'gu');
const US_STATE_ZIP = new RegExp(`(?<![\\p{L}\\p{N}])(?:[\\p{Lu}][\\p{L}'’\\-]{1,25}\\s){0,2}[\\p{Lu}][\\p{L}'’\\-]{1,25},\\s${US_STATE}\\s\\d{5}(?:-\\d{4})?(?![\\p{L}\\p{N}])`, 'gu');

function trimTrailingWords(match: string): { start: number; end: number; score: number } {
  // The name-word repetition can swallow a trailing little word or space ("rue de la Paix et").
  const t = match.replace(/(?:\s+(?:de|du|des|la|le|les|aux|au|et|sur|sous|en|l['’]|d['’]))+\s*$|[\s,.]+$/iu, '');
  return { start: 0, end: t.length, score: 0.92 };
}

export const frenchAddressRecognizer = patternRecognizer({
  name: 'fr-address',
  type: 'ADDRESS',
  patterns: [{ regex: FR_ADDRESS, score: 0.92 }],
  validate: (m) => trimTrailingWords(m),
});

// US military (PSC 0413, Box 8144 APO AA 42323), a postcode after its label (ZIP: 3520, CP 75011), and
// continental street names that carry their type as a suffix (Harjukuja 54, Bundesstrasse 31, Via Roma 12).
const MILITARY = /(?<![\p{L}\p{N}])(?:PSC|Unit|CMR)\s\d{1,5},?\s(?:Box\s\d{1,5})?\s?(?:APO|FPO|DPO)\s(?:AA|AE|AP)\s\d{5}(?![\p{N}])/gu;
const LABELLED_POSTCODE = /(?<=(?:ZIP|Zip|zip|ZIP code|Zip code|zip code|Postcode|postcode|Post code|post code|Code postal|code postal|CP)\s?:?\s?)\d{4,5}(?![\p{L}\p{N}])/gu;
const EU_STREET = /(?<![\p{L}\p{N}])(?:\d{1,5}\s)?(?:(?:Via|Rua|Calle|Avenida|Viale|Piazza|Largo|Travessa|Ulica|Rue)\s(?:(?:da|do|dos|de|del|della|di)\s)?[\p{Lu}][\p{L}'’\-]{1,30}|[\p{Lu}][\p{L}\-]{1,30}(?:katu|kuja|tie|vej|vænget|gade|gasse|stra(?:ss|ß)e|weg|laan|straat|plein|gatan|vägen|veien|gata|utca|ulica|platz|allee|ring|damm))\s\d{1,4}[a-zA-Z]?(?:,?\s(?:Apt\.?|Suite|Flat)\s\d{1,5})?(?![\p{L}\p{N}])/gu;

export const otherAddressRecognizer = patternRecognizer({
  name: 'other-address',
  type: 'ADDRESS',
  patterns: [
    { regex: MILITARY, score: 0.9 },
    { regex: LABELLED_POSTCODE, score: 0.85 },
    { regex: EU_STREET, score: 0.85 },
  ],
});

export const postcodeRecognizer = patternRecognizer({
  name: 'fr-postcode-city',
  type: 'ADDRESS',
  patterns: [
    { regex: FR_POSTCODE_CITY, score: 0.7 },
    { regex: BP, score: 0.6 },
  ],
  context: { fr: ['adresse', 'habite', 'domicile', 'code postal', 'cp', 'livr', 'situe'], en: ['address', 'live', 'postcode', 'zip'] },
  contextBoost: 0.15,
});

export const englishAddressRecognizer = patternRecognizer({
  name: 'en-address',
  type: 'ADDRESS',
  patterns: [
    { regex: EN_ADDRESS, score: 0.92 },
    { regex: US_STATE_ZIP, score: 0.75 },
  ],
  validate: (m) => {
    const t = m.replace(/[\s,.]+$/u, '');
    return { start: 0, end: t.length, score: 0.92 };
  },
});

export const ukPostcodeRecognizer = patternRecognizer({
  name: 'uk-postcode',
  type: 'ADDRESS',
  patterns: [{ regex: UK_POSTCODE_ALONE, score: 0.6 }],
  context: { en: ['postcode', 'post code', 'address', 'live', 'london'], fr: ['adresse', 'code postal'] },
  contextBoost: 0.2,
});

// ---------------------------------------------------------------------------------------------------
// Foreign street addresses in English text (continental and other formats the English patterns miss).

// "Kiannonkatu 98, 90100 Oulu", "Hauptstraße 5, D-10115 Berlin": street, number, postcode and city.
const STREET_NUMBER_POSTCODE_CITY = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'’\-.]{1,30}(?:\s(?:\p{Lu}[\p{L}\p{M}'’\-.]{0,30}|de|del|della|di|da|do|dos|la|van|von|der|am|an|im|u\.|utca|tér|út)){0,3}\s\d{1,4}[a-zA-Z]?,\s?(?:[A-Z]{1,2}-)?\d{4,5}\s\p{Lu}[\p{L}\p{M}'’\-]{1,30}(?:\s\p{Lu}[\p{L}\p{M}'’\-]{1,30}){0,2}/gu;
// "233 Erzsébet tér 19.", "4844 Søndergade 52 Apt. 656", "Apt. 675 62314 Mellemvej 32": a number, one to
// three words of which one at least is no English word, a house number, then an optional unit.
const NUMBER_STREET_NUMBER = /(?<![\p{L}\p{N}.,\-\/])(?:(?:Apt|Suite|Unit|Flat)\.?\s\d{1,5}\s)?\d{1,5}\s((?:\p{L}[\p{L}\p{M}'’\-]{0,30}\.?\s){1,3})\d{1,4}[a-zA-Z]?\.?(?![\p{L}\p{N}])(?:,?[ \t]{0,3}(?:\n[ \t]{0,3})?(?:Apt|Apartment|Suite|Unit|Flat|apt|suite)\.?\s#?\d{1,5}(?!\p{N}))?/gu;
// "the corner of 159 Eleftheriou Venizelou str and Rennie Union": a crossing.
const CORNER = /(?<![\p{L}])(?:the\s)?corner\sof\s((?:[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-.]{0,30}\s){1,6}?)and\s\p{Lu}[\p{L}\p{M}'’\-]{1,30}(?:\s\p{Lu}[\p{L}\p{M}'’\-]{1,30}){0,2}/gu;
// After a street line: the city on the next line or after a comma ("..., ΠΑΦΟΣ", "\n OULU").
const CITY_AFTER = /(?:,[ \t]{0,3}|[ \t]{0,3}\n[ \t]{0,3}(?:\n[ \t]{0,3})?)(\p{L}[\p{L}\p{M}'’\-]{1,30}(?:[ \-]\p{L}[\p{L}\p{M}'’\-]{0,30})?)(?=[ \t]*(?:\n|,|$|[.!?;]))/uy;
// A postcode closing a line (or the text) a little after a street line ("\n Hungary 34796", "SK\n 53650").
const LINE_POSTCODE = /(?<![\p{L}\p{N}.,\-])\d{4,6}(?=[ \t]*(?:\n|$|[.!?]\s|[.!?]$))/gu;
const ADDRESS_CUE = /(?:^|[^\p{L}])(?:address|live|lives|living|moved|moving|send|sent|deliver|delivered|ship|shipped|office|located|at|to|stay|billing)[^\p{L}]+$/u;
const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'unit', 'flat', 'box']);
const TWO_NUMBERS = /\d[^\d]{1,100}\d/;
const POSTCODE_AFTER_COMMA = /\d,\s?(?:[A-Z]{1,2}-)?\d{4}/;
const YEAR = /^(?:19|20)\d\d\.?$/;

function unknownStreetWord(word: string): boolean {
  const f = fold(word.replace(/\.$/, ''));
  return f.length >= 3 && !ENGLISH_WORDS.has(f) && !STOPWORDS.has(f) && !NEVER_NAMES.has(f) && !/\p{Ll}\p{Lu}/u.test(word);
}

/**
 * Texts in either language (language detection may call a list of foreign place names French): continental street formats, the
 * unit line after them, the city that follows them (as a LOCATION), a postcode closing a line shortly
 * after, street crossings ("the corner of X and Y").
 */
export const foreignAddressRecognizer: Recognizer = {
  name: 'foreign-address',
  types: ['ADDRESS', 'LOCATION'],
  languages: ['fr', 'en'],
  analyze(input) {
    const out: Finding[] = [];
    const { text } = input;
    const streets: Finding[] = [];
    // Cheap tests first: most short texts hold no two digit groups at all.
    if (!TWO_NUMBERS.test(text) && !input.folded.includes('corner of')) return out;
    for (const m of POSTCODE_AFTER_COMMA.test(text) ? text.matchAll(STREET_NUMBER_POSTCODE_CITY) : []) {
      const words = m[0].slice(0, m[0].search(/\s\d/)).split(/\s/);
      if (!words.some(unknownStreetWord)) continue;
      streets.push({ type: 'ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.85, recognizer: 'foreign-address' });
    }
    for (const m of text.matchAll(NUMBER_STREET_NUMBER)) {
      const words = (m[1] as string).trim().split(/\s/);
      const houseNumber = /(\d{1,4}[a-zA-Z]?\.?)(?![\p{L}\p{N}])/u.exec(m[0].slice(m[0].indexOf(m[1] as string) + (m[1] as string).length))?.[1] ?? '';
      if (YEAR.test(houseNumber) || !words.some(unknownStreetWord) || (STOPWORDS.has(fold(words[0] as string)) && !/^\p{Lu}/u.test(words[0] as string)) || UNIT_WORDS.has(fold((words[0] as string).replace(/\.$/, '')))) continue;
      const start = m.index;
      const end = start + m[0].replace(/[\s,]+$/u, '').length;
      // A unit line, a city line or a cue word: an address, not "2 Xbox 360".
      CITY_AFTER.lastIndex = end;
      const unit = /(?:Apt|Apartment|Suite|Unit|Flat|apt|suite)\.?\s#?\d/.test(m[0]);
      if (!unit && !CITY_AFTER.test(text) && !/^\s(?:st|str|street)\b/i.test(text.slice(end, end + 8)) && !ADDRESS_CUE.test(input.folded.slice(Math.max(0, start - 32), start))) continue;
      streets.push({ type: 'ADDRESS', start, end, score: 0.8, recognizer: 'foreign-address' });
    }
    for (const m of input.folded.includes('corner of') ? text.matchAll(CORNER) : []) {
      const start = m.index;
      streets.push({ type: 'ADDRESS', start, end: start + m[0].length, score: 0.85, recognizer: 'foreign-address' });
    }
    for (const s of streets) {
      out.push(s);
      CITY_AFTER.lastIndex = s.end;
      const c = CITY_AFTER.exec(text);
      if (c && !UNIT_WORDS.has(fold(c[1] as string)) && !STOPWORDS.has(fold(c[1] as string))) {
        const cityStart = c.index + c[0].length - (c[1] as string).length;
        out.push({ type: 'LOCATION', start: cityStart, end: cityStart + (c[1] as string).length, score: 0.7, recognizer: 'foreign-address' });
      }
    }
    if (streets.length > 0) {
      // Street ends in order, walked once alongside the postcodes (linear, not streets x postcodes).
      const ends = streets.map((s) => s.end).sort((a, b) => a - b);
      let k = 0;
      let lastEnd = -1;
      for (const m of text.matchAll(LINE_POSTCODE)) {
        while (k < ends.length && (ends[k] as number) <= m.index) lastEnd = ends[k++] as number;
        if (YEAR.test(m[0]) && m[0].length === 4) continue;
        if (lastEnd >= 0 && m.index - lastEnd <= 100) out.push({ type: 'ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.7, recognizer: 'foreign-address' });
      }
    }
    return out;
  },
};
