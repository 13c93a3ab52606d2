/**
 * A multiclass averaged perceptron (Collins 2002): one weight vector per feature, one weight per label;
 * averaging with the usual trick (w - u / c) so training costs one update per mistake, not per step.
 */
export interface PerceptronWeights {
  labels: string[];
  /** feature -> one weight per label (averaged). */
  weights: Record<string, number[]>;
}

export class Perceptron {
  readonly labels: readonly string[];
  private readonly w = new Map<string, Float64Array>();
  private readonly u = new Map<string, Float64Array>();
  private step = 1;

  constructor(labels: readonly string[]) {
    this.labels = labels;
  }

  /** Adds each feature's weights into `out` (one score per label). */
  score(features: readonly string[], out: Float64Array): Float64Array {
    return scoreInto(this.w, features, out);
  }

  /** One training example: when the best label is not the gold one, moves weights towards gold. */
  train(features: readonly string[], gold: number, scratch: Float64Array): number {
    const guess = argmax(this.score(features, scratch));
    if (guess !== gold) {
      for (const f of features) {
        let w = this.w.get(f);
        let u = this.u.get(f);
        if (!w || !u) {
          this.w.set(f, (w = new Float64Array(this.labels.length)));
          this.u.set(f, (u = new Float64Array(this.labels.length)));
        }
        w[gold] = (w[gold] as number) + 1;
        w[guess] = (w[guess] as number) - 1;
        u[gold] = (u[gold] as number) + this.step;
        u[guess] = (u[guess] as number) - this.step;
      }
    }
    this.step++;
    return guess;
  }

  /** The averaged weights, rounded and without features whose weights are all zero. */
  averaged(): PerceptronWeights {
    const weights: Record<string, number[]> = {};
    for (const [f, w] of this.w) {
      const u = this.u.get(f) as Float64Array;
      const avg = Array.from(w, (x, y) => Math.round((x - (u[y] as number) / this.step) * 1000) / 1000);
      if (avg.some((x) => x !== 0)) weights[f] = avg;
    }
    return { labels: [...this.labels], weights };
  }
}

/** Sums each known feature's weights into `out` (one score per label). */
function scoreInto(weights: ReadonlyMap<string, Float64Array>, features: readonly string[], out: Float64Array): Float64Array {
  out.fill(0);
  for (const f of features) {
    const v = weights.get(f);
    if (v) for (let y = 0; y < out.length; y++) out[y] = (out[y] as number) + (v[y] as number);
  }
  return out;
}

export function argmax(scores: Float64Array): number {
  let best = 0;
  for (let y = 1; y < scores.length; y++) if ((scores[y] as number) > (scores[best] as number)) best = y;
  return best;
}

/** Averaged weights, read-only, for tagging. */
export class TrainedPerceptron {
  readonly labels: readonly string[];
  private readonly w = new Map<string, Float64Array>();

  constructor(model: PerceptronWeights) {
    this.labels = model.labels;
    for (const [f, v] of Object.entries(model.weights)) this.w.set(f, Float64Array.from(v));
  }

  score(features: readonly string[], out: Float64Array): Float64Array {
    return scoreInto(this.w, features, out);
  }
}
