import { ReportingError } from '../core/errors.js';
import { LEXICON, foldAccents } from './lexicon.js';
import { scoreSentiment } from './sentiment.js';
import { featureOf } from './terms.js';
import { detectLanguage, tokenizeClauses, type AnalysedLanguage } from './text.js';
import type { AnalysisInput } from '../core/types.js';

/** What the analysis knows about one response; shared by the embedded analyzer and the LLM reporter. */
export interface ResponseProfile {
  id: string;
  text: string;
  language: string;
  /** true for French and English, the languages the analysis understands */
  analysed: boolean;
  words: string[];
  /** theme features (glossary keys or `<lang>:<stem>`), with repeats */
  features: string[];
  /** sentiment in [-1, 1], null when the language is not analysed */
  score: number | null;
  submittedAt?: Date;
}

function isAnalysed(language: string): language is AnalysedLanguage {
  return language === 'fr' || language === 'en';
}

/**
 * Lexicon words settle the language of texts too short for stopwords ("Rapide.", "Terrible!");
 * a word both lexicons know ("Excellent!") scores alike in either, so a tie goes to English.
 */
function guessFromLexicon(words: readonly string[]): string {
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (LEXICON.fr.has(foldAccents(word))) fr += 1;
    if (LEXICON.en.has(word)) en += 1;
  }
  if (fr === 0 && en === 0) return 'und';
  return fr > en ? 'fr' : 'en';
}

/**
 * Checks the inputs and profiles each response, sorted by id so that the result does not depend
 * on the order the responses came in.
 */
export function profileResponses(inputs: readonly AnalysisInput[]): ResponseProfile[] {
  if (!Array.isArray(inputs)) {
    throw new ReportingError('INVALID_ANALYSIS_INPUT', 'Expected an array of responses ({ id, text }); pass [] for an empty dataset.');
  }
  const seen = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    if (input === null || typeof input !== 'object' || typeof input.id !== 'string' || input.id === '' || typeof input.text !== 'string') {
      throw new ReportingError('INVALID_ANALYSIS_INPUT', `Response at index ${index} needs a non-empty string id and a string text.`);
    }
    if (seen.has(input.id)) {
      throw new ReportingError('INVALID_ANALYSIS_INPUT', `Response id "${input.id}" appears twice; pass each response once.`);
    }
    seen.add(input.id);
  }
  const sorted = [...inputs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((input) => {
    const clauses = tokenizeClauses(input.text);
    const words = clauses.flat();
    let language: string = input.language === 'fr' || input.language === 'en' ? input.language : detectLanguage(words);
    if (language === 'und') language = guessFromLexicon(words);
    const analysed = isAnalysed(language);
    const features: string[] = [];
    if (isAnalysed(language)) {
      for (const word of words) {
        const feature = featureOf(word, language);
        if (feature !== null) features.push(feature);
      }
    }
    const profile: ResponseProfile = {
      id: input.id,
      text: input.text,
      language,
      analysed,
      words,
      features,
      score: analysed ? scoreSentiment(clauses, language) : null,
    };
    if (input.submittedAt instanceof Date && !Number.isNaN(input.submittedAt.getTime())) profile.submittedAt = input.submittedAt;
    return profile;
  });
}

export function countLanguages(profiles: readonly ResponseProfile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of profiles) counts[p.language] = (counts[p.language] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}

/** Display form of a feature: its most frequent spelling, per language when it spans two. */
export function createFeatureLabeller(profiles: readonly ResponseProfile[]): (feature: string) => string {
  const spellings = new Map<string, Map<string, number>>();
  for (const p of profiles) {
    if (!p.analysed) continue;
    for (const word of p.words) {
      const feature = featureOf(word, p.language as AnalysedLanguage);
      if (feature === null) continue;
      let byWord = spellings.get(feature);
      if (!byWord) spellings.set(feature, (byWord = new Map()));
      const key = `${p.language}\u0000${word}`;
      byWord.set(key, (byWord.get(key) ?? 0) + 1);
    }
  }
  const labels = new Map<string, string>();
  return (feature) => {
    const cached = labels.get(feature);
    if (cached !== undefined) return cached;
    const byWord = [...(spellings.get(feature) ?? new Map<string, number>()).entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    const perLanguage = new Map<string, { word: string; count: number }>();
    for (const [key, count] of byWord) {
      const [lang, word] = key.split('\u0000') as [string, string];
      const known = perLanguage.get(lang);
      if (!known) perLanguage.set(lang, { word, count });
      else known.count += count;
    }
    // English first, then French, whatever their frequencies: labels read the same across themes.
    const ranked = [...perLanguage.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    const words = [...new Set(ranked.map((r) => r.word))];
    const label = words.length === 0 ? feature.replace(/^\w\w:/, '') : words.slice(0, 2).join('/');
    labels.set(feature, label);
    return label;
  };
}
