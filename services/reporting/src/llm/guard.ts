import { analyze, anonymize } from '@verbatim/anonymizer-engine';
import { ReportingError } from '../core/errors.js';

/** Checks every text bound for a provider, and cleans every text coming back, with the anonymizer engine. */
export interface PersonalDataGuard {
  /** Throws PERSONAL_DATA_IN_PROMPT (naming entity types, never values) when the text carries personal data. */
  assertClean(text: string): void;
  /** The text with any personal data replaced by typed placeholders; existing placeholders are kept. */
  redact(text: string): string;
}

/** The part of the anonymizer engine the guard uses; injectable so tests can count calls. */
export interface PersonalDataEngine {
  analyze(text: string, options?: { language?: 'fr' | 'en' }): { findings: Array<{ type: string; start: number; end: number; score: number }> };
  anonymize(text: string, options?: { language?: 'fr' | 'en'; defaultOperator?: { kind: 'replace' } }): { text: string };
}

const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/g;
const LANGUAGES = ['fr', 'en'] as const;

/** Placeholders are clean by construction; blanking them (same length) keeps the engine off them. */
function blankPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (placeholder) => ' '.repeat(placeholder.length));
}

export function createPersonalDataGuard(engine: PersonalDataEngine = { analyze, anonymize }): PersonalDataGuard {
  // Recognizers differ by language (names, addresses), and a prompt mixes French and English: check both.
  const findingsOf = (text: string): string[] => {
    const blanked = blankPlaceholders(text);
    const types = new Set<string>();
    for (const language of LANGUAGES) for (const finding of engine.analyze(blanked, { language }).findings) types.add(finding.type);
    return [...types].sort();
  };

  return {
    assertClean(text) {
      const types = findingsOf(text);
      if (types.length > 0) {
        throw new ReportingError(
          'PERSONAL_DATA_IN_PROMPT',
          `Refused to send a request carrying personal data (${types.join(', ')}); anonymize the responses before generating an LLM report.`,
        );
      }
    },
    redact(text) {
      // Anonymize only between existing placeholders, so `<PERSON_1>` is neither re-read nor renumbered.
      let result = '';
      let cursor = 0;
      const redactSegment = (segment: string): string => {
        let out = segment;
        for (const language of LANGUAGES) out = engine.anonymize(out, { language, defaultOperator: { kind: 'replace' } }).text;
        return out;
      };
      for (const match of text.matchAll(PLACEHOLDER)) {
        result += redactSegment(text.slice(cursor, match.index)) + match[0];
        cursor = match.index + match[0].length;
      }
      return result + redactSegment(text.slice(cursor));
    },
  };
}
