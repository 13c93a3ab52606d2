export type { AnalysisInput, Quote, ReportContent, SentimentSummary, Theme, TrendPoint } from '../core/types.js';
export { analyzeResponses, type AnalyzeOptions } from './analyze.js';
export { removeQuotesOf, type QuoteRemoval } from './remove-quotes.js';
export { profileResponses, countLanguages, createFeatureLabeller, type ResponseProfile } from './profile.js';
export { summariseSentiment, polarityOf, scoreSentiment } from './sentiment.js';
export { buildTrends } from './trends.js';
export { describeReport, MIN_RESPONSES_FOR_THEMES } from './summary.js';
