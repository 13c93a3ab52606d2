import type { ReportContent } from '../core/types.js';

/** Fewer analysable responses than this give no themes: clusters of two or three say nothing. */
export const MIN_RESPONSES_FOR_THEMES = 5;

const LANGUAGE_NAMES: Record<string, string> = {
  fr: 'French', en: 'English', es: 'Spanish', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', und: 'an undetermined language',
};

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function sentimentWord(score: number): string {
  if (score >= 0.25) return 'positive';
  if (score >= 0.05) return 'somewhat positive';
  if (score > -0.05) return 'neutral';
  if (score > -0.25) return 'somewhat negative';
  return 'negative';
}

/** A plain-English overview of a report, built only from its figures (no response text). */
export function describeReport(content: ReportContent, facts: { analysedCount: number; themedCount: number }): string {
  const n = content.responseCount;
  if (n === 0) return 'No responses to analyse: the dataset is empty.';
  const parts: string[] = [];
  const languages = Object.entries(content.languages)
    .map(([code, count]) => `${count} in ${LANGUAGE_NAMES[code] ?? code}`)
    .join(', ');
  parts.push(`${plural(n, 'response')} (${languages}).`);
  const unanalysed = n - facts.analysedCount;
  if (unanalysed > 0) {
    parts.push(`${plural(unanalysed, 'response')} not in French or English ${unanalysed === 1 ? 'was' : 'were'} counted but not analysed for themes or sentiment.`);
  }
  if (facts.analysedCount > 0) {
    const s = content.sentiment;
    parts.push(`Overall sentiment is ${sentimentWord(s.score)} (${s.score.toFixed(2)}): ${s.positive} positive, ${s.neutral} neutral, ${s.negative} negative.`);
  }
  if (content.themes.length === 0) {
    if (facts.analysedCount < MIN_RESPONSES_FOR_THEMES) {
      parts.push(`Too few responses to form themes (at least ${MIN_RESPONSES_FOR_THEMES} in French or English are needed).`);
    } else {
      parts.push('No recurring theme was found.');
    }
  } else {
    const themes = content.themes.map((t) => `${t.label} (${percent(t.share)}, ${sentimentWord(t.sentiment.score)})`).join('; ');
    parts.push(`${plural(content.themes.length, 'theme')}: ${themes}.`);
    const unthemed = facts.analysedCount - facts.themedCount;
    if (unthemed > 0) parts.push(`${plural(unthemed, 'response')} fit no theme.`);
  }
  if (content.trends.length > 1) {
    const first = content.trends[0]!;
    const last = content.trends[content.trends.length - 1]!;
    const peak = content.trends.reduce((a, b) => (b.count > a.count ? b : a));
    parts.push(`From ${first.period} to ${last.period}, responses peaked in ${peak.period} (${peak.count}).`);
  }
  return parts.join(' ');
}
