import { topTerms } from '../core/top-terms.js';
import type { AnalysisInput, ReportContent, Theme } from '../core/types.js';
import { clusterResponses, type Cluster } from './cluster.js';
import { countLanguages, createFeatureLabeller, profileResponses } from './profile.js';
import { round, summariseSentiment } from './sentiment.js';
import { MIN_RESPONSES_FOR_THEMES, describeReport } from './summary.js';
import { pickQuotes } from './theme-quotes.js';
import { buildTrends } from './trends.js';
import { vectorise, type Vectorised } from './vectorise.js';

export interface AnalyzeOptions {
  /** Most themes a report shows (default 10). */
  maxThemes?: number;
  /** Quotes per theme (default 3). */
  quotesPerTheme?: number;
  /** Seed of the clustering; the same seed and input give the same report (default 42). */
  seed?: number;
}

function distinctiveTerms(cluster: Cluster, vectorised: Vectorised): string[] {
  const { vocabulary, documentFrequency, vectors } = vectorised;
  const size = cluster.members.length;
  const rest = Math.max(1, vectors.length - size);
  const inside = new Map<number, number>();
  for (const i of cluster.members) for (const t of vectors[i]!.indices) inside.set(t, (inside.get(t) ?? 0) + 1);
  const scored: Array<{ term: number; score: number }> = [];
  for (const [term, count] of inside) {
    const pIn = count / size;
    if (pIn < 0.1 || count < 2) continue;
    const pOut = (documentFrequency[term]! - count) / rest;
    const score = pIn * Math.log2((pIn + 0.01) / (pOut + 0.01));
    if (score > 0) scored.push({ term, score });
  }
  scored.sort((a, b) => b.score - a.score || a.term - b.term);
  return scored.slice(0, 8).map(({ term }) => vocabulary[term]!);
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en') + text.slice(1);
}

/**
 * The embedded analyzer: themes, sentiment, quotes, shares and trends from anonymized French and
 * English responses, with no network. Deterministic: the same responses (in any order) and options
 * give the same report.
 */
export function analyzeResponses(inputs: AnalysisInput[], options: AnalyzeOptions = {}): ReportContent {
  const maxThemes = options.maxThemes ?? 10;
  const quotesPerTheme = options.quotesPerTheme ?? 3;
  const seed = options.seed ?? 42;
  const profiles = profileResponses(inputs);
  const analysed = profiles.filter((p) => p.analysed);
  const scores = analysed.map((p) => p.score!);
  const responseCount = profiles.length;

  const themes: Theme[] = [];
  const vectorised = vectorise(analysed);
  if (vectorised.members.length >= MIN_RESPONSES_FOR_THEMES) {
    const label = createFeatureLabeller(analysed);
    const { clusters, similarity } = clusterResponses(vectorised.vectors, vectorised.vocabulary.length, maxThemes, seed);
    const minThemeSize = Math.max(2, Math.ceil(vectorised.members.length * 0.02));
    const kept = clusters
      .filter((c) => c.members.length >= minThemeSize)
      .map((c) => ({ c, terms: distinctiveTerms(c, vectorised) }))
      .filter(({ terms }) => terms.length > 0)
      .sort((a, b) => b.c.members.length - a.c.members.length || (a.terms[0]! < b.terms[0]! ? -1 : 1))
      .slice(0, maxThemes);
    for (const [position, { c, terms }] of kept.entries()) {
      const members = c.members.map((i) => vectorised.members[i]!);
      const displayTerms = [...new Set(terms.map(label))];
      themes.push({
        id: `theme-${position + 1}`,
        label: capitalise(displayTerms.slice(0, 3).join(', ')),
        terms: displayTerms,
        responseIds: members.map((m) => m.id),
        count: members.length,
        share: responseCount === 0 ? 0 : round(members.length / responseCount, 4),
        sentiment: summariseSentiment(members.map((m) => m.score!)),
        quotes: pickQuotes(c, vectorised, similarity, quotesPerTheme),
      });
    }
  }

  // Under five responses every term counts; above, a term must be used twice.
  const terms = topTerms(analysed.map((p) => p.features), createFeatureLabeller(analysed), analysed.length < 5 ? 1 : 2);

  const content: ReportContent = {
    summary: '',
    responseCount,
    languages: countLanguages(profiles),
    sentiment: summariseSentiment(scores),
    themes,
    trends: buildTrends(profiles),
    topTerms: terms,
  };
  const themed = new Set(themes.flatMap((t) => t.responseIds)).size;
  content.summary = describeReport(content, { analysedCount: analysed.length, themedCount: themed });
  return content;
}
