import { documentFrequency as countDocuments } from '../core/top-terms.js';
import type { SparseVector } from './cluster.js';
import type { ResponseProfile } from './profile.js';

const MAX_VOCABULARY = 4000;

/** Responses as TF-IDF unit vectors over a vocabulary of the terms that can separate themes. */
export interface Vectorised {
  vocabulary: string[];
  /** Responses using each vocabulary term (same order as `vocabulary`). */
  documentFrequency: Int32Array;
  /** one per themable profile (same order as `members`) */
  vectors: SparseVector[];
  members: ResponseProfile[];
}

export function vectorise(profiles: readonly ResponseProfile[]): Vectorised {
  const candidates = profiles.filter((p) => p.features.length > 0);
  const df = countDocuments(candidates.map((p) => p.features));
  const n = candidates.length;
  const minDf = Math.max(2, Math.ceil(n * 0.004));
  // A term in most responses ("order" in a shop survey) separates nothing.
  const maxDf = n >= 20 ? Math.floor(n * 0.5) : n;
  const vocabulary = [...df.entries()]
    .filter(([, count]) => count >= minDf && count <= maxDf)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, MAX_VOCABULARY)
    .map(([feature]) => feature);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const documentFrequency = Int32Array.from(vocabulary, (feature) => df.get(feature)!);
  const idf = Float64Array.from(documentFrequency, (d) => Math.log((1 + n) / (1 + d)) + 1);

  const vectors: SparseVector[] = [];
  const members: ResponseProfile[] = [];
  for (const p of candidates) {
    const tf = new Map<number, number>();
    for (const feature of p.features) {
      const i = index.get(feature);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    if (tf.size === 0) continue;
    const indices = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(indices, (i) => (1 + Math.log(tf.get(i)!)) * idf[i]!);
    let norm = 0;
    for (const v of values) norm += v * v;
    norm = Math.sqrt(norm);
    for (let i = 0; i < values.length; i += 1) values[i]! /= norm;
    vectors.push({ indices, values });
    members.push(p);
  }
  return { vocabulary, documentFrequency, vectors, members };
}
