/** Stable codes of the report-generation core; the service maps them to the kit's typed errors. */
export type ReportingErrorCode =
  | 'INVALID_ANALYSIS_INPUT'
  | 'INVALID_SUBPROCESSOR'
  | 'SUBPROCESSOR_NOT_ALLOWED'
  | 'PERSONAL_DATA_IN_PROMPT'
  | 'LLM_BAD_OUTPUT'
  | 'LLM_UNAVAILABLE'
  | 'LLM_TIMEOUT'
  | 'LLM_TOKEN_BUDGET_EXCEEDED'
  | 'INVALID_LLM_CONFIG';

/** An expected failure with a stable `code` and a message that says how to fix it. */
export class ReportingError extends Error {
  override readonly name = 'ReportingError';

  constructor(
    readonly code: ReportingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isReportingError(error: unknown, code?: ReportingErrorCode): error is ReportingError {
  return error instanceof ReportingError && (code === undefined || error.code === code);
}
