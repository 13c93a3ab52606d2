import { documentFrequency } from '../core/top-terms.js';

/** Unit-length sparse vector: `indices` ascending, `values` their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Small seeded PRNG (mulberry32): the same input always gives the same clusters. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dotDense(vector: SparseVector, dense: Float64Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < vector.indices.length; i += 1) sum += vector.values[i]! * dense[offset + vector.indices[i]!]!;
  return sum;
}

export interface Clustering {
  k: number;
  /** cluster index per vector */
  assignment: Int32Array;
  /** cosine similarity of each vector to its centroid */
  similarity: Float64Array;
  /** k unit centroids, dense, row-major (k × dim) */
  centroids: Float64Array;
  /** sum of similarities: higher is tighter */
  cohesion: number;
}

/**
 * Spherical k-means (cosine similarity) with k-means++ seeding from a seeded PRNG; an emptied
 * cluster is re-seeded with the vector its centroid fits worst, so exactly k clusters come back.
 */
export function sphericalKMeans(vectors: readonly SparseVector[], dim: number, k: number, seed: number, maxIterations = 30): Clustering {
  const n = vectors.length;
  const random = createRandom(seed);
  const centroids = new Float64Array(k * dim);
  const setCentroid = (c: number, v: SparseVector): void => {
    centroids.fill(0, c * dim, (c + 1) * dim);
    for (let i = 0; i < v.indices.length; i += 1) centroids[c * dim + v.indices[i]!] = v.values[i]!;
  };

  // k-means++: each next seed is drawn with probability proportional to its distance to the nearest seed.
  const nearest = new Float64Array(n).fill(Infinity);
  setCentroid(0, vectors[Math.floor(random() * n)]!);
  for (let c = 1; c < k; c += 1) {
    let total = 0;
    for (let i = 0; i < n; i += 1) {
      const distance = Math.max(0, 1 - dotDense(vectors[i]!, centroids, (c - 1) * dim));
      if (distance < nearest[i]!) nearest[i] = distance;
      total += nearest[i]!;
    }
    let target = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i += 1) {
      target -= nearest[i]!;
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
    setCentroid(c, vectors[chosen]!);
  }

  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    let moved = 0;
    for (let i = 0; i < n; i += 1) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c += 1) {
        const sim = dotDense(vectors[i]!, centroids, c * dim);
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      if (assignment[i] !== best) moved += 1;
      assignment[i] = best;
      similarity[i] = bestSim;
    }
    if (moved === 0 && iteration > 0) break;

    centroids.fill(0);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i += 1) {
      const c = assignment[i]!;
      sizes[c]! += 1;
      const v = vectors[i]!;
      for (let j = 0; j < v.indices.length; j += 1) centroids[c * dim + v.indices[j]!]! += v.values[j]!;
    }
    const reseeded = new Set<number>();
    for (let c = 0; c < k; c += 1) {
      if (sizes[c] === 0) {
        let worst = -1;
        for (let i = 0; i < n; i += 1) {
          if (!reseeded.has(i) && (worst < 0 || similarity[i]! < similarity[worst]!)) worst = i;
        }
        reseeded.add(worst);
        setCentroid(c, vectors[worst]!);
        continue;
      }
      let norm = 0;
      for (let d = c * dim; d < (c + 1) * dim; d += 1) norm += centroids[d]! * centroids[d]!;
      norm = Math.sqrt(norm) || 1;
      for (let d = c * dim; d < (c + 1) * dim; d += 1) centroids[d]! /= norm;
    }
  }
  let cohesion = 0;
  for (let i = 0; i < n; i += 1) cohesion += similarity[i]!;
  return { k, assignment, similarity, centroids, cohesion };
}

/** Pairwise cosine similarities of a sample, computed once and reused for every candidate k. */
export function similarityMatrix(vectors: readonly SparseVector[], dim: number): Float64Array {
  const n = vectors.length;
  const matrix = new Float64Array(n * n);
  const scratch = new Float64Array(dim);
  for (let a = 0; a < n; a += 1) {
    const va = vectors[a]!;
    for (let i = 0; i < va.indices.length; i += 1) scratch[va.indices[i]!] = va.values[i]!;
    matrix[a * n + a] = 1;
    for (let b = a + 1; b < n; b += 1) {
      const sim = dotDense(vectors[b]!, scratch, 0);
      matrix[a * n + b] = sim;
      matrix[b * n + a] = sim;
    }
    for (let i = 0; i < va.indices.length; i += 1) scratch[va.indices[i]!] = 0;
  }
  return matrix;
}

/** Mean silhouette (cosine distance) of an assignment over the vectors of a similarity matrix. */
export function silhouette(matrix: Float64Array, n: number, assignment: ArrayLike<number>, k: number): number {
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i += 1) sizes[assignment[i]!]! += 1;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    sums.fill(0);
    for (let j = 0; j < n; j += 1) if (j !== i) sums[assignment[j]!]! += 1 - matrix[i * n + j]!;
    const own = assignment[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c += 1) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b, 1e-9);
  }
  return total / n;
}

// Theme clustering: the k-means core above, refined into themes.

/** Vectors used to choose the number of themes (silhouette is quadratic in this). */
const SELECTION_SAMPLE = 500;
/** Vectors used to fit the clusters; the rest are assigned to the nearest centroid. */
const FIT_SAMPLE = 3000;

/** One theme candidate: positions of its vectors, and its unit centroid. */
export interface Cluster {
  members: number[];
  centroid: Float64Array;
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

/**
 * Themes from unit vectors: k chosen by silhouette on a sample, k-means fitted on a larger sample with
 * restarts, every vector assigned to its nearest centroid, then loose clusters split and near-identical
 * ones merged. `similarity` is each vector's cosine to its final centroid (it ranks the quotes).
 */
export function clusterResponses(vectors: readonly SparseVector[], dim: number, maxThemes: number, seed: number): { clusters: Cluster[]; similarity: Float64Array } {
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
  const frequent = [...documentFrequency(memberVectors.map((v) => v.indices)).entries()].sort(([a, x], [b, y]) => y - x || a - b).slice(0, 3);
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
