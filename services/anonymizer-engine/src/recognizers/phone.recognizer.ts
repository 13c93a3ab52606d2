import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import { hasContext, type Recognizer, type RecognizerInput, type Token } from '../recognizer.js';
import { fold } from '../text.js';
import { tokensOf } from '../tokens.js';
import type { Finding, Language } from '../types.js';

// Full metadata (exact number patterns per region), loaded once through require to stay a plain JSON load.
const metadata = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as MetadataJson;

// A candidate is a run of digits with the usual separators; libphonenumber (full metadata) decides.
// Digit runs are separated by mandatory separators, so a run of digits can be split only one way and a
// long digit string costs O(n), not an exponential number of backtracking paths. A trunk "(0)" may
// follow the country code directly (+33(0)6 ...).
const CANDIDATE = /(?<![\p{L}\p{N}+\-\/.])(?:\+|00)?(?:\(\d{1,4}\)\s?)?\d{1,14}(?:(?:[ .\-\/]{1,2}|(?=\(\d\)))(?:\(\d{1,4}\)\s?)?\d{1,14}){0,8}(?!\p{N})/gu;

// Every text tries all five regions (a French verbatim may quote a UK number), its language's first.
const DEFAULT_REGIONS: Record<Language, readonly CountryCode[]> = { fr: ['FR', 'BE', 'CH', 'GB', 'US'], en: ['GB', 'US', 'FR', 'BE', 'CH'] };
const CONTEXT = {
  fr: ['tel', 'telephone', 'portable', 'mobile', 'appel', 'joindre', 'numero', 'fixe', 'fax', 'rappel', 'contact', 'whatsapp', 'sms'],
  en: ['phone', 'tel', 'mobile', 'cell', 'call', 'number', 'fax', 'reach', 'contact', 'whatsapp', 'text me', 'sms'],
} as const;
// Country names (English and French, folded) to their region, so that a number written the national way
// of a country the text names ("Hungary ... (37) 788-063") is read with that country's numbering plan.
const nodeRequire = createRequire(import.meta.url);
const REGION_BY_COUNTRY = new Map<string, CountryCode>();
for (const lang of ['en', 'fr']) {
  const countries = (JSON.parse(readFileSync(nodeRequire.resolve(`i18n-iso-countries/langs/${lang}.json`), 'utf8')) as { countries: Record<string, string | string[]> }).countries;
  for (const [code, names] of Object.entries(countries)) {
    for (const name of Array.isArray(names) ? names : [names]) {
      const f = fold(name).replace(/[^\p{L} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
      if (f.length >= 4 && code in metadata.countries) REGION_BY_COUNTRY.set(f, code as CountryCode);
    }
  }
}
const COUNTRY_FIRST_WORDS = new Set([...REGION_BY_COUNTRY.keys()].map((k) => k.split(' ')[0] as string));
const regionCache = new WeakMap<RecognizerInput, readonly CountryCode[]>();

/** Regions of the countries named in the text (capitalised, up to four words), other than the defaults. */
export function regionsNamedIn(input: RecognizerInput, defaults: readonly CountryCode[]): readonly CountryCode[] {
  const cached = regionCache.get(input);
  if (cached) return cached;
  const tokens = tokensOf(input);
  const found: CountryCode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.startsUpper || !COUNTRY_FIRST_WORDS.has(t.f)) continue;
    let key = '';
    for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
      key = j === i ? t.f : key + ' ' + (tokens[j] as Token).f;
      const region = REGION_BY_COUNTRY.get(key);
      if (region && !defaults.includes(region) && !found.includes(region)) found.push(region);
    }
  }
  regionCache.set(input, found);
  return found;
}
const US_SHAPE = /^(?:\+?1[ .\-]?)?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]\d{4}$/;

/**
 * 'valid' when libphonenumber knows the number range, 'possible' when only its length fits the region
 * (unassigned or reserved ranges such as the UK's 07700 900xxx still identify nobody but look like a
 * phone number to a reader), otherwise false.
 */
function parseCandidate(candidate: string, regions: readonly CountryCode[], named: readonly CountryCode[] = []): 'valid' | 'possible' | false {
  const compact = candidate.replace(/[^\d+]/g, '');
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const intl = compact.startsWith('00') ? '+' + compact.slice(2) : compact;
    // E.164: 8 to 15 digits after the +.
    if (intl.length < 9 || intl.length > 16) return false;
    const n = parsePhoneNumberFromString(intl, metadata);
    return n?.isValid() ? 'valid' : n?.isPossible() ? 'possible' : false;
  }
  // A country the text names: its national numbers, grouped like a phone number, trunk prefix or not
  // (Hungary's "(37) 788-063", Denmark's "20 12 34 56"); only numbers of a known range count.
  if (named.length > 0 && compact.length >= 8 && compact.length <= 12 && FOREIGN_GROUPED.test(candidate)) {
    for (const region of named) if (parsePhoneNumberFromString(compact, region, metadata)?.isValid()) return 'valid';
  }
  // National numbers: 9 to 11 digits with the trunk 0, or 10 in the US shape (cheap test before parsing).
  if (compact.length < 9 || compact.length > 11) return false;
  let possible = false;
  for (const region of regions) {
    // National numbers must carry their trunk prefix (0 in FR/BE/CH/GB) or the US shape, otherwise any
    // 9-10 digit identifier (SIREN, order number) would read as a phone number.
    if (region === 'US' ? !US_SHAPE.test(candidate) : !compact.startsWith('0')) continue;
    const n = parsePhoneNumberFromString(compact, region, metadata);
    if (n?.isValid()) return 'valid';
    if (n?.isPossible()) possible = true;
  }
  return possible ? 'possible' : false;
}

// A national number of another country: an area code in brackets, or at least three groups.
const FOREIGN_GROUPED = /^\(\d{1,4}\)\s?\d|^\d{1,4}[ .\-]\d{1,4}[ .\-]\d/;
// An extension after the number: "ext. 204", "extension 12", "x12", "poste 3".
const EXTENSION = /,?\s?(?:ext\.?|extn\.?|extension|x|poste|#)\s?\d{1,5}(?![\p{L}\p{N}])/uy;

// Words that name a phone line (not "number", which also names orders and contracts).
const PHONE_WORDS = ['phone', 'tel', 'mobile', 'portable', 'cell', 'fax', 'whatsapp', 'appel', 'call'];

/** A number of no known region, in three or more groups, right next to a phone word ("Phone: 60-56-85-91"). */
function shapedLikePhone(input: RecognizerInput, start: number, candidate: string): boolean {
  if (candidate.split(/[ .\-\/()]+/).filter((g) => g.length > 0).length < 3) return false;
  const around = input.folded.slice(Math.max(0, start - 24), start) + ' ' + input.folded.slice(start + candidate.length, start + candidate.length + 24);
  return PHONE_WORDS.some((w) => around.includes(w));
}

// A merely possible number needs the look of a phone number: at least two groups separated by spaces,
// dots or dashes, or a "+".
const GROUPED = /^\+|\d[ .\-]\d/;

export const phoneRecognizer: Recognizer = {
  name: 'phone',
  types: ['PHONE'],
  languages: ['fr', 'en'],
  analyze(input: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    const regions = DEFAULT_REGIONS[input.language];
    let named: readonly CountryCode[] | undefined;
    for (const m of input.text.matchAll(CANDIDATE)) {
      const match = m[0];
      // Group ends and digit counts in one pass; a candidate is a prefix ending after a group.
      const ends: number[] = [];
      const digitCounts: number[] = [];
      let digits = 0;
      for (let i = 0; i < match.length; i++) {
        const c = match.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          digits++;
          const next = match.charCodeAt(i + 1);
          if (!(next >= 48 && next <= 57)) {
            ends.push(i + 1 + (next === 41 ? 1 : 0));
            digitCounts.push(digits);
          }
        }
      }
      const intl = match.startsWith('+') || match.startsWith('00');
      const trunk = !intl && (match.startsWith('0') || match.startsWith('(0'));
      // Drop trailing groups until the rest is a valid number (the match may run into the next figure).
      for (let n = ends.length - 1, tries = 0; n >= 0 && tries < 6; n--) {
        const count = digitCounts[n] as number;
        if (count < 7) break;
        // Cheap shape tests before libphonenumber: E.164 length, trunk-prefixed national, or US 10/11 digits.
        const shaped = intl ? count >= 8 && count <= 17 : trunk ? count >= 9 && count <= 11 : count === 10 || count === 11 || (count >= 8 && count <= 12 && (named ??= regionsNamedIn(input, regions)).length > 0);
        if (!shaped && !(count >= 8 && n >= 2 && PHONE_WORDS.some((w) => input.folded.slice(Math.max(0, m.index - 24), m.index + m[0].length + 24).includes(w)))) continue;
        tries++;
        const candidate = match.slice(0, ends[n]);
        const verdict = parseCandidate(candidate, regions, intl ? [] : (named ??= regionsNamedIn(input, regions))) || (count >= 8 && count <= 15 && shapedLikePhone(input, m.index, candidate) ? 'possible' : false);
        if (!verdict || (verdict === 'possible' && !GROUPED.test(candidate))) continue;
        const start = m.index;
        EXTENSION.lastIndex = start + candidate.length;
        const ext = EXTENSION.exec(input.text);
        const end = start + candidate.length + (ext ? ext[0].length : 0);
        const context = hasContext(input, start, end, CONTEXT[input.language]);
        const score = verdict === 'valid' ? (context ? 0.95 : 0.8) : context ? 0.75 : 0.6;
        out.push({ type: 'PHONE', start, end, score, recognizer: 'phone' });
        break;
      }
    }
    return out;
  },
};
