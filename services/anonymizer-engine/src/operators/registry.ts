import type { OperatorConfig } from '../types.js';
import { encryptOperator } from './encrypt.operator.js';
import { hashOperator } from './hash.operator.js';
import { maskOperator } from './mask.operator.js';
import type { Operator, OperatorInput } from './operator.js';
import { pseudonymizeOperator } from './pseudonymize.operator.js';
import { redactOperator } from './redact.operator.js';
import { replaceOperator } from './replace.operator.js';

type Kind = OperatorConfig['kind'];

const operators: { [K in Kind]: Operator<K> } = {
  replace: replaceOperator,
  pseudonymize: pseudonymizeOperator,
  redact: redactOperator,
  mask: maskOperator,
  hash: hashOperator,
  encrypt: encryptOperator,
};

export function operatorKinds(): Kind[] {
  return Object.keys(operators) as Kind[];
}

export function applyOperator(input: OperatorInput): string {
  const op = operators[input.config.kind] as Operator | undefined;
  if (!op) throw new Error(`unknown operator "${String(input.config.kind)}"; use one of ${operatorKinds().join(', ')}`);
  return (op as Operator<Kind>).apply(input as never);
}
