import { createRequire } from 'node:module';

// stopwords-iso ships a single JSON file; createRequire reads it the same way under tsx, node and jest.
const require = createRequire(import.meta.url);
const STOPWORDS_ISO = require('stopwords-iso') as Record<string, string[]>;

/** Placeholders left by the anonymizer (`<PERSON_1>`, `<EMAIL>`): never terms, never sentiment. */
export const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/g;

export type AnalysedLanguage = 'fr' | 'en';

/** Languages told apart by stopword hits; only fr and en are analysed, the others are only counted. */
const DETECTABLE = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl'] as const;

const DETECTION_SETS: Map<string, Set<string>> = new Map(
  DETECTABLE.map((lang) => [lang, new Set((STOPWORDS_ISO[lang] ?? []).map((w) => w.normalize('NFC').toLowerCase()))]),
);

// Short function words that tell languages apart better than the long stopword lists, which share
// many entries (e.g. "a", "me", "son"); each hit counts double.
const MARKERS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'was', 'it', 'my', 'to', 'of', 'for', 'with', 'not', "didn't", 'i', 'this', 'they', 'very'],
  fr: ['le', 'la', 'les', 'et', 'est', 'je', 'pas', 'des', 'une', 'du', 'pour', 'avec', 'très', 'mais', 'ce', 'il', 'ai', 'mon', 'ma'],
  es: ['el', 'los', 'las', 'es', 'y', 'muy', 'pero', 'con', 'por', 'una', 'del', 'fue', 'mi', 'está'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'mit', 'sehr', 'aber', 'war', 'ein', 'eine'],
  it: ['il', 'gli', 'è', 'e', 'non', 'molto', 'con', 'per', 'una', 'della', 'ma', 'sono', 'ho'],
  pt: ['o', 'os', 'não', 'muito', 'com', 'uma', 'foi', 'mas', 'para', 'do', 'da', 'meu', 'é'],
  nl: ['de', 'het', 'een', 'en', 'niet', 'ik', 'met', 'zeer', 'maar', 'was', 'van', 'voor', 'heel'],
};
const MARKER_SETS = new Map(Object.entries(MARKERS).map(([lang, words]) => [lang, new Set(words)]));


/**
 * Splits anonymized text into lower-cased words. Placeholders are dropped, French elisions
 * (l', d', qu', n'…) are split off so that "l'application" yields "l" and "application",
 * and "n't" stays attached ("didn't") for negation handling.
 */
export function tokenize(text: string): string[] {
  const clean = text.replace(PLACEHOLDER, ' ').normalize('NFC').toLowerCase().replace(/[’ʼ`]/g, "'");
  const words: string[] = [];
  for (const match of clean.matchAll(/[\p{L}\p{N}]+(?:'t)?/gu)) {
    words.push(match[0]);
  }
  return words;
}

/**
 * The words of each clause (split at punctuation), so that sentiment rules such as negation do not
 * reach across a comma or a full stop. Flattened, the clauses give the same words as `tokenize`.
 */
export function tokenizeClauses(text: string): string[][] {
  return text
    .replace(PLACEHOLDER, ' ')
    .split(/[.!?;,:…()«»"\n\r]+/u)
    .map(tokenize)
    .filter((words) => words.length > 0);
}

/**
 * Detects the language of a response from stopword and marker-word hits. Returns `und` when no
 * language word was found (e.g. "ok", "👍"), which the analyzer counts but leaves out of themes.
 */
export function detectLanguage(words: readonly string[]): string {
  let best = 'und';
  let bestScore = 0;
  for (const lang of DETECTABLE) {
    const stop = DETECTION_SETS.get(lang)!;
    const markers = MARKER_SETS.get(lang)!;
    let score = 0;
    for (const word of words) {
      if (markers.has(word)) score += 2;
      else if (stop.has(word)) score += 1;
    }
    // Ties go to the earlier language in DETECTABLE (en, then fr), which keeps detection deterministic.
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  if (best !== 'und') return best;
  // Accented letters typical of French are a last hint for one-word answers ("décevant").
  return words.some((w) => /[éèêàùçœ]/.test(w)) ? 'fr' : 'und';
}

export function stopwordsFor(lang: AnalysedLanguage): readonly string[] {
  return STOPWORDS_ISO[lang] ?? [];
}
