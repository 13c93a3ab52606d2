import { similarityMatrix, silhouette, sphericalKMeans, type SparseVector } from './cluster.js';
import { countLanguages, createFeatureLabeller, profileResponses, type ResponseProfile } from './profile.js';
import { polarityOf, round, summariseSentiment } from './sentiment.js';
import { MIN_RESPONSES_FOR_THEMES, describeReport } from './summary.js';
import { buildTrends } from './trends.js';
import type { AnalysisInput, Quote, ReportContent, Theme } from './types.js';

export interface AnalyzeOptions {
  /** Most themes a report shows (default 10). */
  maxThemes?: number;
  /** Quotes per theme (default 3). */
  quotesPerTheme?: number;
  /** Seed of the clustering; the same seed and input give the same report (default 42). */
  seed?: number;
}

/** Responses used to choose the number of themes (silhouette is quadratic in this). */
const SELECTION_SAMPLE = 500;
/** Responses used to fit the clusters; the rest are assigned to the nearest centroid. */
const FIT_SAMPLE = 3000;
const MAX_VOCABULARY = 4000;
const QUOTE_MAX_CHARS = 300;
const TOP_TERMS = 15;

interface Vectorised {
  vocabulary: string[];
  documentFrequency: Int32Array;
  /** one per themable profile (same order as `members`) */
  vectors: SparseVector[];
  members: ResponseProfile[];
}

function vectorise(profiles: readonly ResponseProfile[]): Vectorised {
  const candidates = profiles.filter((p) => p.features.length > 0);
  const df = new Map<string, number>();
  for (const p of candidates) for (const feature of new Set(p.features)) df.set(feature, (df.get(feature) ?? 0) + 1);
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

/** Evenly spaced positions: a deterministic sample that keeps the id order's spread. */
function evenSample(length: number, size: number): number[] {
  if (length <= size) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: size }, (_, i) => Math.floor((i * length) / size));
}

function chooseK(vectors: readonly SparseVector[], dim: number, maxThemes: number, seed: number): number {
  const sampleIdx = evenSample(vectors.length, SELECTION_SAMPLE);
  const sample = sampleIdx.map((i) => vectors[i]!);
  const kMax = Math.min(maxThemes + 2, Math.floor(sample.length / 3));
  if (kMax < 2) return 1;
  const matrix = similarityMatrix(sample, dim);
  let bestK = 2;
  let bestScore = -Infinity;
  for (let k = 2; k <= kMax; k += 1) {
    const clustering = sphericalKMeans(sample, dim, k, seed + k);
    const score = silhouette(matrix, sample.length, clustering.assignment, k);
    // Prefer fewer themes unless more are clearly better.
    if (score > bestScore + 0.005) {
      bestScore = score;
      bestK = k;
    }
  }
  return bestK;
}

interface Cluster {
  members: number[];
  centroid: Float64Array;
}

function cluster(vectorised: Vectorised, maxThemes: number, seed: number): { clusters: Cluster[]; similarity: Float64Array } {
  const { vectors, vocabulary } = vectorised;
  const dim = vocabulary.length;
  const k = chooseK(vectors, dim, maxThemes, seed);
  const fitIdx = evenSample(vectors.length, FIT_SAMPLE);
  const fitVectors = fitIdx.map((i) => vectors[i]!);
  let best = sphericalKMeans(fitVectors, dim, k, seed);
  for (let restart = 1; restart < 3; restart += 1) {
    const candidate = sphericalKMeans(fitVectors, dim, k, seed + 1000 * restart);
    if (candidate.cohesion > best.cohesion + 1e-9) best = candidate;
  }
  // Assign every response (fitted or not) to its nearest centroid.
  const similarity = new Float64Array(vectors.length);
  const byCluster: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < vectors.length; i += 1) {
    const v = vectors[i]!;
    let bestC = 0;
    let bestSim = -Infinity;
    for (let c = 0; c < k; c += 1) {
      let sim = 0;
      for (let j = 0; j < v.indices.length; j += 1) sim += v.values[j]! * best.centroids[c * dim + v.indices[j]!]!;
      if (sim > bestSim) {
        bestSim = sim;
        bestC = c;
      }
    }
    similarity[i] = bestSim;
    byCluster[bestC]!.push(i);
  }
  const minSize = Math.max(2, Math.ceil(vectors.length * 0.02));
  const refined = splitLoose(
    byCluster.filter((members) => members.length > 0).map((members) => ({ members, centroid: centroidOf(members, vectors, dim) })),
    vectors,
    dim,
    seed,
    minSize,
    maxThemes + 4,
  );
  const clusters = mergeSimilar(refined, vectors, dim);
  // Similarity to the final centroid ranks the quotes.
  for (const c of clusters) {
    for (const i of c.members) {
      const v = vectors[i]!;
      let sim = 0;
      for (let j = 0; j < v.indices.length; j += 1) sim += v.values[j]! * c.centroid[v.indices[j]!]!;
      similarity[i] = sim;
    }
  }
  return { clusters, similarity };
}

function centroidOf(members: readonly number[], vectors: readonly SparseVector[], dim: number): Float64Array {
  const centroid = new Float64Array(dim);
  for (const i of members) {
    const v = vectors[i]!;
    for (let j = 0; j < v.indices.length; j += 1) centroid[v.indices[j]!]! += v.values[j]!;
  }
  let norm = 0;
  for (const x of centroid) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d += 1) centroid[d]! /= norm;
  return centroid;
}

function cohesionOf(cluster: Cluster, vectors: readonly SparseVector[]): number {
  let sum = 0;
  for (const i of cluster.members) {
    const v = vectors[i]!;
    for (let j = 0; j < v.indices.length; j += 1) sum += v.values[j]! * cluster.centroid[v.indices[j]!]!;
  }
  return sum / cluster.members.length;
}

/**
 * A cluster that mixes two themes (k-means with too small a k puts leftovers together) splits into
 * two parts much tighter than the whole: two equal, unrelated groups gain a factor of about 1.4 in
 * mean cosine to their centre, while halves of one real theme gain little. Clusters are tried
 * loosest first (bisecting k-means) while both parts stay large enough to be themes.
 */
const SPLIT_GAIN = 1.2;

function splitLoose(clusters: Cluster[], vectors: readonly SparseVector[], dim: number, seed: number, minSize: number, maxClusters: number): Cluster[] {
  const current = [...clusters];
  const settled = new Set<Cluster>();
  while (current.length < maxClusters) {
    let loosest: { index: number; cohesion: number } | undefined;
    current.forEach((c, index) => {
      if (settled.has(c) || c.members.length < 2 * minSize) return;
      const cohesion = cohesionOf(c, vectors);
      if (loosest === undefined || cohesion < loosest.cohesion) loosest = { index, cohesion };
    });
    if (loosest === undefined) break;
    const parent = current[loosest.index]!;
    const best = bestSplit(parent, vectors, dim, seed, minSize);
    if (best === undefined || best.cohesion < loosest.cohesion * SPLIT_GAIN) {
      settled.add(parent);
      continue;
    }
    const parts = best.parts;
    current.splice(loosest.index, 1, ...parts.map((members) => ({ members, centroid: centroidOf(members, vectors, dim) })));
  }
  return current;
}

/**
 * Candidate splits of a loose cluster: 2-means from three seeds, and "has / lacks" its three most
 * frequent terms (k-means seeding can peel off a sliver; a frequent term cuts along a theme).
 * The candidate with the best size-weighted cohesion wins, if both parts can be themes.
 */
function bestSplit(parent: Cluster, vectors: readonly SparseVector[], dim: number, seed: number, minSize: number): { parts: number[][]; cohesion: number } | undefined {
  const candidates: number[][][] = [];
  const memberVectors = parent.members.map((i) => vectors[i]!);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const halves = sphericalKMeans(memberVectors, dim, 2, seed + parent.members.length + 7919 * attempt);
    const parts: number[][] = [[], []];
    parent.members.forEach((member, position) => parts[halves.assignment[position]!]!.push(member));
    candidates.push(parts);
  }
  const df = new Map<number, number>();
  for (const v of memberVectors) for (const t of v.indices) df.set(t, (df.get(t) ?? 0) + 1);
  const frequent = [...df.entries()].sort(([a, x], [b, y]) => y - x || a - b).slice(0, 3);
  for (const [term] of frequent) {
    const parts: number[][] = [[], []];
    parent.members.forEach((member) => parts[vectors[member]!.indices.includes(term) ? 0 : 1]!.push(member));
    candidates.push(parts);
  }
  let best: { parts: number[][]; cohesion: number } | undefined;
  for (const parts of candidates) {
    if (parts.some((part) => part.length < minSize)) continue;
    const cohesion = parts.reduce((sum, members) => sum + cohesionOf({ members, centroid: centroidOf(members, vectors, dim) }, vectors) * members.length, 0) / parent.members.length;
    if (best === undefined || cohesion > best.cohesion + 1e-9) best = { parts, cohesion };
  }
  return best;
}

/**
 * Silhouette sometimes prefers splitting a theme in two ("price" and "expensive"); distinct themes
 * have centroids far apart (cosine under 0.1 on the fixture), a split one over 0.5.
 */
const MERGE_SIMILARITY = 0.3;

function mergeSimilar(clusters: Cluster[], vectors: readonly SparseVector[], dim: number): Cluster[] {
  const current = [...clusters];
  for (;;) {
    let best: { a: number; b: number; sim: number } | undefined;
    for (let a = 0; a < current.length; a += 1) {
      for (let b = a + 1; b < current.length; b += 1) {
        let sim = 0;
        const ca = current[a]!.centroid;
        const cb = current[b]!.centroid;
        for (let d = 0; d < dim; d += 1) sim += ca[d]! * cb[d]!;
        if (sim > MERGE_SIMILARITY && (best === undefined || sim > best.sim)) best = { a, b, sim };
      }
    }
    if (best === undefined) return current;
    const members = [...current[best.a]!.members, ...current[best.b]!.members].sort((x, y) => x - y);
    current.splice(best.b, 1);
    current[best.a] = { members, centroid: centroidOf(members, vectors, dim) };
  }
}

function distinctiveTerms(cluster: Cluster, vectorised: Vectorised): string[] {
  const { vocabulary, documentFrequency, vectors } = vectorised;
  const size = cluster.members.length;
  const rest = Math.max(1, vectors.length - size);
  const inside = new Map<number, number>();
  for (const i of cluster.members) for (const t of vectors[i]!.indices) inside.set(t, (inside.get(t) ?? 0) + 1);
  const scored: Array<{ term: number; score: number }> = [];
  for (const [term, count] of inside) {
    const pIn = count / size;
    if (pIn < 0.1 || count < 2) continue;
    const pOut = (documentFrequency[term]! - count) / rest;
    const score = pIn * Math.log2((pIn + 0.01) / (pOut + 0.01));
    if (score > 0) scored.push({ term, score });
  }
  scored.sort((a, b) => b.score - a.score || a.term - b.term);
  return scored.slice(0, 8).map(({ term }) => vocabulary[term]!);
}

function excerpt(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= QUOTE_MAX_CHARS) return clean;
  const cut = clean.slice(0, QUOTE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > QUOTE_MAX_CHARS / 2 ? space : QUOTE_MAX_CHARS)}…`;
}

/** Closest to the theme's centre, of a readable length, and not saying the same thing twice. */
function pickQuotes(cluster: Cluster, vectorised: Vectorised, similarity: Float64Array, howMany: number): Quote[] {
  // Quotes should say what most of the theme says: the prevailing polarity ranks first.
  const polarities = cluster.members.map((i) => polarityOf(vectorised.members[i]!.score ?? 0));
  const tally = new Map<string, number>();
  for (const p of polarities) tally.set(p, (tally.get(p) ?? 0) + 1);
  const prevailing = [...tally.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
  const ranked = cluster.members
    .map((i, position) => {
      const words = vectorised.members[i]!.words.length;
      const lengthFactor = words < 5 ? 0.6 : words > 80 ? 0.8 : 1;
      const polarityFactor = polarities[position] === prevailing ? 1 : 0.8;
      return { i, rank: similarity[i]! * lengthFactor * polarityFactor };
    })
    .sort((a, b) => b.rank - a.rank || a.i - b.i);
  // A theme split between praise and complaint (a third or more on the other side) keeps its
  // last quote for the other side, so the quotes do not tell only half of it.
  const other = prevailing === 'positive' ? 'negative' : prevailing === 'negative' ? 'positive' : undefined;
  const otherCount = other === undefined ? 0 : (tally.get(other) ?? 0);
  const reserveForOther = howMany >= 2 && other !== undefined && otherCount >= cluster.members.length / 3;
  const quotes: Quote[] = [];
  const chosen: Array<Set<number>> = [];
  const take = (i: number): boolean => {
    const terms = new Set(vectorised.vectors[i]!.indices);
    const duplicate = chosen.some((picked) => {
      let shared = 0;
      for (const t of terms) if (picked.has(t)) shared += 1;
      return shared / (terms.size + picked.size - shared) > 0.7;
    });
    if (duplicate) return false;
    chosen.push(terms);
    const profile = vectorised.members[i]!;
    quotes.push({ responseId: profile.id, text: excerpt(profile.text) });
    return true;
  };
  const polarityOfMember = (i: number): string => polarityOf(vectorised.members[i]!.score ?? 0);
  const mainSlots = reserveForOther ? howMany - 1 : howMany;
  for (const { i } of ranked) {
    if (quotes.length >= mainSlots) break;
    if (reserveForOther && polarityOfMember(i) === other) continue;
    take(i);
  }
  if (reserveForOther) {
    for (const { i } of ranked) if (polarityOfMember(i) === other && take(i)) break;
  }
  return quotes;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en') + text.slice(1);
}

/**
 * The embedded analyzer: themes, sentiment, quotes, shares and trends from anonymized French and
 * English responses, with no network. Deterministic: the same responses (in any order) and options
 * give the same report.
 */
export function analyzeResponses(inputs: AnalysisInput[], options: AnalyzeOptions = {}): ReportContent {
  const maxThemes = options.maxThemes ?? 10;
  const quotesPerTheme = options.quotesPerTheme ?? 3;
  const seed = options.seed ?? 42;
  const profiles = profileResponses(inputs);
  const analysed = profiles.filter((p) => p.analysed);
  const scores = analysed.map((p) => p.score!);
  const responseCount = profiles.length;

  const themes: Theme[] = [];
  const vectorised = vectorise(analysed);
  if (vectorised.members.length >= MIN_RESPONSES_FOR_THEMES) {
    const label = createFeatureLabeller(analysed);
    const { clusters, similarity } = cluster(vectorised, maxThemes, seed);
    const minThemeSize = Math.max(2, Math.ceil(vectorised.members.length * 0.02));
    const kept = clusters
      .filter((c) => c.members.length >= minThemeSize)
      .map((c) => ({ c, terms: distinctiveTerms(c, vectorised) }))
      .filter(({ terms }) => terms.length > 0)
      .sort((a, b) => b.c.members.length - a.c.members.length || (a.terms[0]! < b.terms[0]! ? -1 : 1))
      .slice(0, maxThemes);
    for (const [position, { c, terms }] of kept.entries()) {
      const members = c.members.map((i) => vectorised.members[i]!);
      const displayTerms = [...new Set(terms.map(label))];
      themes.push({
        id: `theme-${position + 1}`,
        label: capitalise(displayTerms.slice(0, 3).join(', ')),
        terms: displayTerms,
        responseIds: members.map((m) => m.id),
        count: members.length,
        share: responseCount === 0 ? 0 : round(members.length / responseCount, 4),
        sentiment: summariseSentiment(members.map((m) => m.score!)),
        quotes: pickQuotes(c, vectorised, similarity, quotesPerTheme),
      });
    }
  }

  const termLabel = createFeatureLabeller(analysed);
  const df = new Map<string, number>();
  for (const p of analysed) for (const feature of new Set(p.features)) df.set(feature, (df.get(feature) ?? 0) + 1);
  const topTerms = [...df.entries()]
    .filter(([, count]) => count >= 2 || analysed.length < 5)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_TERMS)
    .map(([feature, count]) => ({ term: termLabel(feature), count }));

  const content: ReportContent = {
    summary: '',
    responseCount,
    languages: countLanguages(profiles),
    sentiment: summariseSentiment(scores),
    themes,
    trends: buildTrends(profiles),
    topTerms,
  };
  const themed = new Set(themes.flatMap((t) => t.responseIds)).size;
  content.summary = describeReport(content, { analysedCount: analysed.length, themedCount: themed });
  return content;
}
