import { analyze, anonymize, type EntityType } from '../src/index.js';
import type { Sample } from './fixtures.js';

export interface Metrics {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
  f2: number;
  exactRecall: number;
}

/** Gold strings of a label and how many of them are still in the anonymized text, verbatim. */
export interface Residual {
  gold: number;
  leaked: number;
  rate: number;
}

export interface Evaluation {
  samples: number;
  languageAccuracy: number;
  /** scope ('fr', 'en', 'all') -> label (an entity type, 'structured', 'other' or 'overall') -> metrics. */
  result: Record<string, Record<string, Metrics>>;
  /**
   * scope -> label -> residual: what a user relies on is the output of `anonymize`, so a gold string
   * counts as leaked when it still appears verbatim anywhere in that output (even if a span was found
   * elsewhere, or with the wrong label but cut short).
   */
  residual: Record<string, Record<string, Residual>>;
  /** One line per miss or false alarm, quoting fixture text. */
  errors: string[];
}

interface Counts {
  gold: number;
  pred: number;
  tpPred: number;
  tpGold: number;
  exact: number;
}

export const STRUCTURED: readonly EntityType[] = ['EMAIL', 'PHONE', 'IBAN', 'CREDIT_CARD', 'NATIONAL_ID', 'IP'];
export const LABEL_ORDER = ['PERSON', 'EMAIL', 'PHONE', 'ADDRESS', 'IBAN', 'CREDIT_CARD', 'IP', 'DATE_OF_BIRTH', 'URL', 'NATIONAL_ID', 'ORG', 'LOCATION', 'structured', 'other', 'overall'];

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function metrics(c: Counts): Metrics {
  const precision = c.pred === 0 ? (c.gold === 0 ? 1 : 0) : c.tpPred / c.pred;
  const recall = c.gold === 0 ? 1 : c.tpGold / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { support: c.gold, predicted: c.pred, precision, recall, f1, f2, exactRecall: c.gold === 0 ? 1 : c.exact / c.gold };
}

/**
 * A predicted span is correct when it overlaps a gold span of the same label; a gold span is found when a
 * predicted span of its label overlaps it; "exact" needs identical boundaries. Predictions overlapping an
 * IGNORE span are not counted. The language is detected, as in production.
 */
export function evaluate(samples: readonly Sample[]): Evaluation {
  const table = new Map<string, Map<string, Counts>>();
  const errors: string[] = [];
  let languageRight = 0;
  const bucket = (scope: string, label: string): Counts => {
    let byLabel = table.get(scope);
    if (!byLabel) table.set(scope, (byLabel = new Map()));
    let c = byLabel.get(label);
    if (!c) byLabel.set(label, (c = { gold: 0, pred: 0, tpPred: 0, tpGold: 0, exact: 0 }));
    return c;
  };
  const leaks = new Map<string, Map<string, { gold: number; leaked: number }>>();
  const leakBucket = (scope: string, label: string) => {
    let byLabel = leaks.get(scope);
    if (!byLabel) leaks.set(scope, (byLabel = new Map()));
    let c = byLabel.get(label);
    if (!c) byLabel.set(label, (c = { gold: 0, leaked: 0 }));
    return c;
  };
  const groups = (label: string) => [label, STRUCTURED.includes(label as EntityType) ? 'structured' : 'other', 'overall'];

  for (const sample of samples) {
    const { language, findings } = analyze(sample.text);
    if (language === sample.language) languageRight++;
    const gold = sample.spans.filter((s) => s.label !== 'IGNORE');
    const ignored = sample.spans.filter((s) => s.label === 'IGNORE');
    const preds = findings.filter((f) => !ignored.some((g) => overlaps(f, g)));
    const output = anonymize(sample.text).text;
    for (const g of gold) {
      const leaked = output.includes(sample.text.slice(g.start, g.end));
      for (const scope of [sample.language, 'all']) {
        for (const label of groups(g.label)) {
          const c = leakBucket(scope, label);
          c.gold++;
          if (leaked) c.leaked++;
        }
      }
    }
    for (const g of gold) {
      const hit = preds.some((p) => p.type === g.label && overlaps(p, g));
      const exact = preds.some((p) => p.type === g.label && p.start === g.start && p.end === g.end);
      for (const scope of [sample.language, 'all']) {
        for (const label of groups(g.label)) {
          const c = bucket(scope, label);
          c.gold++;
          if (hit) c.tpGold++;
          if (exact) c.exact++;
        }
      }
      if (!hit) {
        const seen = preds.filter((p) => overlaps(p, g)).map((p) => `${p.type}:${JSON.stringify(sample.text.slice(p.start, p.end))}`);
        errors.push(`MISS  ${g.label.padEnd(13)} ${JSON.stringify(sample.text.slice(g.start, g.end))}  [${sample.id}]${seen.length ? ` (found as ${seen.join(', ')})` : ''}`);
      }
    }
    for (const p of preds) {
      const hit = gold.some((g) => g.label === p.type && overlaps(p, g));
      for (const scope of [sample.language, 'all']) {
        for (const label of groups(p.type)) {
          const c = bucket(scope, label);
          c.pred++;
          if (hit) c.tpPred++;
        }
      }
      if (!hit) errors.push(`FALSE ${p.type.padEnd(13)} ${JSON.stringify(sample.text.slice(p.start, p.end))}  [${sample.id}] by ${p.recognizer} ${p.score.toFixed(2)}`);
    }
  }

  const result: Record<string, Record<string, Metrics>> = {};
  for (const scope of ['fr', 'en', 'all']) {
    const byLabel: Record<string, Metrics> = {};
    for (const label of LABEL_ORDER) {
      const c = table.get(scope)?.get(label);
      if (c) byLabel[label] = metrics(c);
    }
    result[scope] = byLabel;
  }
  const residual: Record<string, Record<string, Residual>> = {};
  for (const scope of ['fr', 'en', 'all']) {
    const byLabel: Record<string, Residual> = {};
    for (const label of LABEL_ORDER) {
      const c = leaks.get(scope)?.get(label);
      if (c) byLabel[label] = { ...c, rate: c.gold === 0 ? 0 : c.leaked / c.gold };
    }
    residual[scope] = byLabel;
  }
  return { samples: samples.length, languageAccuracy: samples.length ? languageRight / samples.length : 1, result, residual, errors };
}
