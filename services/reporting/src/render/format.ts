import type { SentimentSummary } from '../core/types.js';

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function signed(score: number): string {
  return `${score > 0 ? '+' : score < 0 ? '−' : ''}${Math.abs(score).toFixed(2)}`;
}

export function sentimentLine(s: SentimentSummary): string {
  return `${signed(s.score)} (${s.positive} positive, ${s.neutral} neutral, ${s.negative} negative)`;
}

const LANGUAGE_NAMES: Record<string, string> = { fr: 'French', en: 'English', es: 'Spanish', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', und: 'Undetermined' };

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
