import type { Operator } from './operator.js';

/** `<PERSON_1>`, `<PERSON_2>`, ...: one placeholder per distinct normalized value, kept in the pseudonym table. */
export const pseudonymizeOperator: Operator<'pseudonymize'> = {
  kind: 'pseudonymize',
  apply: ({ type, value, pseudonyms }) => pseudonyms.placeholder(type, value),
};
