/** Public types of the anonymizer engine. Offsets are UTF-16 code-unit offsets, end exclusive. */
export type EntityType =
  | 'PERSON'
  | 'EMAIL'
  | 'PHONE'
  | 'ADDRESS'
  | 'IBAN'
  | 'CREDIT_CARD'
  | 'IP'
  | 'DATE_OF_BIRTH'
  | 'URL'
  | 'NATIONAL_ID'
  | 'ORG'
  | 'LOCATION';

export const ENTITY_TYPES: readonly EntityType[] = [
  'PERSON', 'EMAIL', 'PHONE', 'ADDRESS', 'IBAN', 'CREDIT_CARD', 'IP', 'DATE_OF_BIRTH', 'URL', 'NATIONAL_ID', 'ORG', 'LOCATION',
];

export type Language = 'fr' | 'en';

/** A value known at ingestion (the respondent's own name or email): always found, whatever the case or accents. */
export interface KnownEntity {
  type: EntityType;
  value: string;
}

export interface Finding {
  type: EntityType;
  start: number;
  end: number;
  score: number;
  recognizer: string;
}

export interface AnalyzeOptions {
  language?: Language;
  knownEntities?: KnownEntity[];
}

export type OperatorConfig =
  | { kind: 'replace' }
  | { kind: 'pseudonymize' }
  | { kind: 'redact' }
  | { kind: 'mask'; char?: string; keepLast?: number }
  | { kind: 'hash'; key: Uint8Array | string }
  | { kind: 'encrypt'; key: Uint8Array | string };

export interface Change {
  type: EntityType;
  start: number;
  end: number;
  operator: OperatorConfig['kind'];
}
