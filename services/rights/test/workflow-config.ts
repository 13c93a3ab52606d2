import type { RightsAppConfig } from '../src/app.js';

/** Rights' configuration in the integration tests: production values, except what a test sets itself. */
export const testWorkflowConfig: Omit<RightsAppConfig, 'RIGHTS_DIGEST_KEY' | 'RIGHTS_HOLDER_URLS'> = {
  MAX_QUERY_DEPTH: 12,
  RIGHTS_WATCHDOG_INTERVAL_MS: 60_000,
  RIGHTS_REASK_AFTER_MS: 15 * 60_000,
  RIGHTS_MAX_ASKS: 5,
  RIGHTS_REPETITION_THRESHOLD: 3,
  RIGHTS_REPETITION_WINDOW_DAYS: 90,
};
