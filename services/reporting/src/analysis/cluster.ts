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
