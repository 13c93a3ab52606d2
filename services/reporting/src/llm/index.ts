export { createSubprocessorRegistry, DEFAULT_SUBPROCESSORS, type Subprocessor, type SubprocessorRegistry } from './subprocessors.js';
export { createPersonalDataGuard, type PersonalDataGuard, type PersonalDataEngine } from './guard.js';
export { createLlmReporter, type LlmReporter, type LlmReporterDeps } from './provider.js';
export type { LlmConfig } from './config.js';
export { chunkResponses, estimateTokens } from './chunking.js';
