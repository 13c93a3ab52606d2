import { loadDataMap, type DataMap } from '@verbatim/contracts';

/** The rights every personal field must be handled for by its holder. */
export const COVERED_RIGHTS = ['ACCESS', 'RECTIFICATION', 'ERASURE'] as const;
export type CoveredRight = (typeof COVERED_RIGHTS)[number];

/**
 * Which data-map fields (`<collection>.<path>`) a holder's strategies handle, per right: declared beside
 * the strategies in its domain/rights.ts, checked by test/data-map-coverage.spec.ts.
 */
export type RightsCoverage = Record<CoveredRight, readonly string[]>;

/**
 * Every personal field of `holder` that lacks handling, as "<right> <key>" lines. Access and erasure
 * cover every field; rectification covers the CORRECTED and DERIVED ones (a STATEMENT field is a record
 * that is not corrected: rights attaches the person's supplementary statement instead). A declared
 * field that the data map does not know is reported too, so the two cannot drift apart.
 */
export function missingCoverage(holder: string, coverage: RightsCoverage, map: DataMap = loadDataMap()): string[] {
  const fields = map.fields.filter((f) => f.holder === holder);
  const local = (f: { collection: string; path: string }) => `${f.collection}.${f.path}`;
  const missing: string[] = [];
  for (const right of COVERED_RIGHTS) {
    const handled = new Set(coverage[right]);
    for (const f of fields) {
      if (right === 'RECTIFICATION' && f.rectification === 'STATEMENT') continue;
      if (!handled.has(local(f))) missing.push(`${right} ${f.key}`);
    }
    const known = new Set(fields.map(local));
    for (const declared of handled) if (!known.has(declared)) missing.push(`${right} ${holder}.${declared} is not in the data map`);
  }
  return missing;
}
