/** One anonymized response as the report generators receive it. */
export interface AnalysisInput {
  id: string;
  /** Anonymized text: placeholders such as `<PERSON_1>` are expected and ignored by the analysis. */
  text: string;
  /** Language when already known (the anonymizer detects it); detected from the text otherwise. */
  language?: 'fr' | 'en';
  submittedAt?: Date;
}

/**
 * Sentiment of a set of responses: `score` is the mean response score in [-1, 1];
 * `positive`, `neutral` and `negative` are numbers of responses.
 */
export interface SentimentSummary {
  score: number;
  positive: number;
  neutral: number;
  negative: number;
}

export interface Quote {
  responseId: string;
  text: string;
}

export interface Theme {
  id: string;
  label: string;
  /** Distinctive terms, most distinctive first, as they appear in the responses (e.g. `delivery/livraison`). */
  terms: string[];
  responseIds: string[];
  count: number;
  /** count / responseCount of the report, in [0, 1]. */
  share: number;
  sentiment: SentimentSummary;
  quotes: Quote[];
}

export interface TrendPoint {
  /** `YYYY-MM-DD`, `YYYY-Www` (ISO week), `YYYY-MM` or `YYYY`, chosen from the span of the dates. */
  period: string;
  count: number;
  /** Mean response sentiment in the period, 0 when the period is empty. */
  sentiment: number;
}

export interface ReportContent {
  summary: string;
  responseCount: number;
  /** Responses per language code (`fr`, `en`, another ISO 639-1 code, or `und` when undetermined). */
  languages: Record<string, number>;
  sentiment: SentimentSummary;
  themes: Theme[];
  trends: TrendPoint[];
  topTerms: Array<{ term: string; count: number }>;
  /** Facts a reader must know about how the report was made (fallbacks, responses left out, removed quotes). */
  notes?: string[];
}
