import { detectLanguage } from './language.js';
import { applyOperator } from './operators/registry.js';
import { createPseudonymTable, type PseudonymTable } from './pseudonym-table.js';
import type { RecognizerInput } from './recognizer.js';
import { defaultRegistry } from './recognizers/index.js';
import { knownEntityRecognizer } from './recognizers/known-entity.recognizer.js';
import type { RecognizerRegistry } from './registry.js';
import { fold } from './text.js';
import type { AnalyzeOptions, Change, EntityType, Finding, Language, OperatorConfig } from './types.js';

export interface EngineAnalyzeOptions extends AnalyzeOptions {
  /** Defaults to the built-in registry. */
  registry?: RecognizerRegistry;
  /** Findings scoring below this are dropped (default 0.5). */
  threshold?: number;
}

export interface AnonymizeOptions extends EngineAnalyzeOptions {
  operators?: Partial<Record<EntityType, OperatorConfig>>;
  defaultOperator?: OperatorConfig;
  pseudonyms?: PseudonymTable;
}

export interface AnalyzeResult {
  language: Language;
  findings: Finding[];
}

export interface AnonymizeResult {
  text: string;
  language: Language;
  changes: Change[];
  counts: Partial<Record<EntityType, number>>;
}

/** Overlapping findings of one type become one finding over their union, with the best score. */
function mergeSameType(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.start - b.start));
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && last.type === f.type && f.start < last.end) {
      out[out.length - 1] = { ...last, end: Math.max(last.end, f.end), score: Math.max(last.score, f.score), recognizer: last.score >= f.score ? last.recognizer : f.recognizer };
    } else out.push(f);
  }
  return out;
}

/**
 * Drops every finding lying inside another one, whatever their scores: replacing the larger span never
 * leaves part of an identifier visible (a name inside an email address or a street name inside an address).
 */
function dropContained(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const out: Finding[] = [];
  let maxEnd = -1;
  for (const f of sorted) {
    if (f.end <= maxEnd) continue;
    out.push(f);
    maxEnd = f.end;
  }
  return out;
}

/**
 * Same-type overlaps are merged first and findings inside another one dropped; of the findings that
 * still cross, the higher score wins, then the longer span, then the earlier one. Output is sorted by
 * start and has no overlaps.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const ranked = dropContained(mergeSameType(findings)).sort((a, b) => b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  if (ranked.length === 0) return ranked;
  // Occupancy per code unit: each candidate checks only its own span, so the cost is linear in the
  // total length of the findings (no quadratic insertions into a sorted list).
  let size = 0;
  for (const f of ranked) if (f.end > size) size = f.end;
  const taken = new Uint8Array(size);
  const kept: Finding[] = [];
  outer: for (const f of ranked) {
    if (f.end <= f.start || f.start < 0) continue;
    for (let i = f.start; i < f.end; i++) if (taken[i] === 1) continue outer;
    taken.fill(1, f.start, f.end);
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Adds the second-opinion findings that cross no rule finding or outscore every one they cross: a model
 * fills what the rules leave open and overrules their guesses, never their cue-backed findings. Rule
 * findings are sorted by start and scanned from the first that can reach each candidate.
 */
function withSecondOpinions(rules: Finding[], second: Finding[]): Finding[] {
  if (second.length === 0) return rules;
  const sorted = [...rules].sort((a, b) => a.start - b.start);
  let longest = 0;
  for (const f of sorted) longest = Math.max(longest, f.end - f.start);
  const out = [...rules];
  for (const s of second) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as Finding).start < s.start - longest) lo = mid + 1;
      else hi = mid;
    }
    let wins = true;
    for (let i = lo; i < sorted.length && (sorted[i] as Finding).start < s.end; i++) {
      const r = sorted[i] as Finding;
      if (r.end > s.start && r.score >= s.score) {
        wins = false;
        break;
      }
    }
    if (wins) out.push(s);
  }
  return out;
}

export function analyze(text: string, options: EngineAnalyzeOptions = {}): AnalyzeResult {
  const input = typeof text === 'string' ? text : '';
  // An unsupported language would select no recognizer at all: detect instead of finding nothing.
  const language = options.language === 'fr' || options.language === 'en' ? options.language : detectLanguage(input);
  if (input.length === 0) return { language, findings: [] };
  const registry = options.registry ?? defaultRegistry;
  const threshold = options.threshold ?? 0.5;
  const ctx: RecognizerInput = { text: input, folded: fold(input), language };
  const all: Finding[] = [];
  const second: Finding[] = [];
  for (const r of registry.forLanguage(language)) {
    const into = r.secondOpinion ? second : all;
    for (const f of r.analyze(ctx)) if (f.score >= threshold) into.push(f);
  }
  if (options.knownEntities && options.knownEntities.length > 0) {
    for (const f of knownEntityRecognizer(options.knownEntities).analyze(ctx)) all.push(f);
  }
  return { language, findings: resolveOverlaps(withSecondOpinions(all, second)) };
}

const DEFAULT_FOR_PERSON: OperatorConfig = { kind: 'pseudonymize' };
const DEFAULT_OTHERWISE: OperatorConfig = { kind: 'replace' };

export function anonymize(text: string, options: AnonymizeOptions = {}): AnonymizeResult {
  const input = typeof text === 'string' ? text : '';
  const { language, findings } = analyze(input, options);
  const pseudonyms = options.pseudonyms ?? createPseudonymTable();
  const changes: Change[] = [];
  const counts: Partial<Record<EntityType, number>> = {};
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    const config = options.operators?.[f.type] ?? options.defaultOperator ?? (f.type === 'PERSON' ? DEFAULT_FOR_PERSON : DEFAULT_OTHERWISE);
    out += input.slice(cursor, f.start) + applyOperator({ type: f.type, value: input.slice(f.start, f.end), config, pseudonyms });
    cursor = f.end;
    changes.push({ type: f.type, start: f.start, end: f.end, operator: config.kind });
    counts[f.type] = (counts[f.type] ?? 0) + 1;
  }
  out += input.slice(cursor);
  return { text: out, language, changes, counts };
}
