import type { PseudonymTable } from '../pseudonym-table.js';
import type { EntityType, OperatorConfig } from '../types.js';

export interface OperatorInput<C extends OperatorConfig = OperatorConfig> {
  type: EntityType;
  value: string;
  config: C;
  pseudonyms: PseudonymTable;
}

export interface Operator<K extends OperatorConfig['kind'] = OperatorConfig['kind']> {
  kind: K;
  apply(input: OperatorInput<Extract<OperatorConfig, { kind: K }>>): string;
}
