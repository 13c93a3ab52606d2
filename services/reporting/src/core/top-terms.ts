/** How many of the documents contain each item at least once (document frequency). */
export function documentFrequency<T>(documents: Iterable<Iterable<T>>): Map<T, number> {
  const df = new Map<T, number>();
  for (const document of documents) for (const item of new Set(document)) df.set(item, (df.get(item) ?? 0) + 1);
  return df;
}

const TOP_TERMS = 15;

/**
 * The report's most frequent terms: by the number of responses using them, then alphabetically;
 * a term must be used by at least `minCount` responses. `label` turns a feature into its display word.
 */
export function topTerms(features: Iterable<readonly string[]>, label: (feature: string) => string, minCount: number): Array<{ term: string; count: number }> {
  return [...documentFrequency(features).entries()]
    .filter(([, count]) => count >= minCount)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_TERMS)
    .map(([feature, count]) => ({ term: label(feature), count }));
}
