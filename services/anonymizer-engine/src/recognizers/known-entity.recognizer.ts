import type { Recognizer } from '../recognizer.js';
import { fold } from '../text.js';
import type { EntityType, Finding, KnownEntity } from '../types.js';

const SEPARATORS = /[\s\-_'’.,]+/u;
// Name parts too common to redact on their own (particles, titles).
const WEAK_PARTS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'el', 'al', 'ben', 'bin', 'mr', 'mrs', 'ms', 'mme', 'dr', 'st', 'ste', 'saint', 'sainte']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tokensPattern(tokens: string[]): string {
  return tokens.map(escape).join("[\\s\\-_'.,]{1,3}");
}

function patternsFor(entity: KnownEntity): string[] {
  const folded = fold(entity.value.trim());
  if (folded.length === 0) return [];
  const digits = folded.replace(/\D/g, '');
  if (entity.type !== 'EMAIL' && digits.length >= 6 && digits.length >= folded.replace(/[\s\-.+()\/]/g, '').length - 2) {
    // Mostly digits (phone, IBAN, id): match the digits whatever the separators.
    const core = folded.replace(/[\s\-.()\/]/g, '');
    return [core.split('').map(escape).join('[\\s\\-.()\\/]{0,2}')];
  }
  const tokens = folded.split(SEPARATORS).filter((t) => t.length > 0);
  if (tokens.length === 0) return [];
  const out = [tokensPattern(tokens)];
  if (entity.type === 'PERSON' && tokens.length > 1) {
    // Any part of the respondent's name on its own, and the parts in reverse order ("Dupont Jean").
    out.push(tokensPattern([...tokens].reverse()));
    for (const t of tokens) if (t.length >= 2 && !WEAK_PARTS.has(t)) out.push(escape(t));
  }
  return out;
}

/** Finds the values given at ingestion in any case and with or without accents (matching on folded text). */
export function knownEntityRecognizer(entities: readonly KnownEntity[]): Recognizer {
  const compiled: { type: EntityType; regex: RegExp }[] = [];
  for (const entity of entities) {
    if (!entity || typeof entity.value !== 'string') continue;
    const patterns = patternsFor(entity);
    if (patterns.length === 0) continue;
    // Longest alternatives first so the full name wins over one of its parts.
    patterns.sort((a, b) => b.length - a.length);
    compiled.push({ type: entity.type, regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'gu') });
  }
  return {
    name: 'known-entity',
    types: [...new Set(compiled.map((c) => c.type))],
    languages: ['fr', 'en'],
    analyze({ folded }) {
      const out: Finding[] = [];
      for (const { type, regex } of compiled) {
        for (const m of folded.matchAll(regex)) out.push({ type, start: m.index, end: m.index + m[0].length, score: 1, recognizer: 'known-entity' });
      }
      return out;
    },
  };
}
