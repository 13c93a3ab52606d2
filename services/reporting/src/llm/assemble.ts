import { excerpt } from '../core/quotes.js';
import { topTerms } from '../core/top-terms.js';
import type { ReportContent, Theme } from '../core/types.js';
import { countLanguages, createFeatureLabeller, type ResponseProfile } from '../analysis/profile.js';
import { round, summariseSentiment } from '../analysis/sentiment.js';
import { buildTrends } from '../analysis/trends.js';
import type { PartialTheme } from './chunk-merge.js';
import type { PersonalDataGuard } from './guard.js';
import type { Outbound } from './outbound.js';

const MAX_THEMES = 12;

/**
 * The LLM report: the model's themes, scores and summary over every response profile. Responses the
 * model did not see or score keep the lexicon's score; every text from the model is redacted again.
 */
export function assembleLlmReport(
  profiles: ResponseProfile[],
  outbound: Outbound[],
  partialThemes: PartialTheme[],
  llmScores: Map<number, number>,
  summary: string,
  notes: string[],
  guard: PersonalDataGuard,
): ReportContent {
  const responseCount = profiles.length;
  // Responses the model gave no score keep the lexicon's.
  const scoreById = new Map<string, number | null>(profiles.map((p) => [p.id, p.score]));
  outbound.forEach((o, index) => {
    const score = llmScores.get(index);
    if (score !== undefined) scoreById.set(o.profile.id, round(score));
  });
  const scored = (ids: readonly string[]): number[] => ids.map((id) => scoreById.get(id)).filter((s): s is number => typeof s === 'number');
  const clean = (text: string): string => guard.redact(text).replace(/\s+/g, ' ').trim();

  const themes: Theme[] = partialThemes
    .map((theme) => ({ theme, ids: theme.members.map((i) => outbound[i]!.profile.id) }))
    .sort((a, b) => b.ids.length - a.ids.length)
    .slice(0, MAX_THEMES)
    .map(({ theme, ids }, position) => {
      const quoteIdx = theme.quotes.length > 0 ? theme.quotes : theme.members.slice(0, 1);
      return {
        id: `theme-${position + 1}`,
        label: clean(theme.label) || `Theme ${position + 1}`,
        terms: [...new Set(theme.terms.map(clean).filter((t) => t !== ''))].slice(0, 8),
        responseIds: ids,
        count: ids.length,
        share: responseCount === 0 ? 0 : round(ids.length / responseCount, 4),
        sentiment: summariseSentiment(scored(ids)),
        quotes: quoteIdx.slice(0, 3).map((i) => ({ responseId: outbound[i]!.profile.id, text: excerpt(outbound[i]!.text) })),
      };
    });

  const allScores = scored(profiles.map((p) => p.id));
  const terms = topTerms(profiles.map((p) => p.features), createFeatureLabeller(profiles), 2);

  const content: ReportContent = {
    summary: summary || (responseCount === 0 ? 'No responses to analyse: the dataset is empty.' : `${responseCount} responses analysed by the LLM backend.`),
    responseCount,
    languages: countLanguages(profiles),
    sentiment: summariseSentiment(allScores),
    themes,
    trends: buildTrends(profiles.map((p) => ({ submittedAt: p.submittedAt, score: scoreById.get(p.id) ?? null }))),
    topTerms: terms,
  };
  if (notes.length > 0) content.notes = notes;
  return content;
}
