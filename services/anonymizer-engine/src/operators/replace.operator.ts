import type { Operator } from './operator.js';

/** `<EMAIL>`, `<PHONE>`, ...: the type, nothing of the value. */
export const replaceOperator: Operator<'replace'> = {
  kind: 'replace',
  apply: ({ type }) => `<${type}>`,
};
