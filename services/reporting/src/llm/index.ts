export { ReportingError, isReportingError, type ReportingErrorCode } from './errors.js';
export { createSubprocessorRegistry, DEFAULT_SUBPROCESSORS, type Subprocessor, type SubprocessorRegistry } from './subprocessors.js';
export { createPersonalDataGuard, type PersonalDataGuard, type PersonalDataEngine } from './guard.js';
export { createLlmReporter, type LlmConfig, type LlmReporter, type LlmReporterDeps } from './provider.js';
export { generateReport, type GenerateReportDeps, type GeneratedReport, type ReportBackend } from './generate.js';
export { chunkResponses, estimateTokens } from './chunking.js';
export type { AnalysisInput, ReportContent } from '../analysis/types.js';
