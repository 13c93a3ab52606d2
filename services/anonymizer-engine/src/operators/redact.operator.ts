import type { Operator } from './operator.js';

/** Removes the value entirely. */
export const redactOperator: Operator<'redact'> = {
  kind: 'redact',
  apply: () => '',
};
