export type { AnalysisInput, Quote, ReportContent, SentimentSummary, Theme, TrendPoint } from './types.js';
export { ReportingError, isReportingError, type ReportingErrorCode } from './errors.js';
export { excerpt, QUOTE_MAX_CHARS } from './quotes.js';
export { documentFrequency, topTerms } from './top-terms.js';
export { generateReport, type EmbeddedAnalyzer, type GenerateReportDeps, type GeneratedReport, type LlmReporter, type ReportBackend } from './generate.js';
