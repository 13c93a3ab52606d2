/**
 * Scores of the features of features.ts, summed without building most feature strings: the features of
 * a word alone (its own, and what it gives its neighbours as w-1, w+1...) are summed once per distinct
 * word and kept in a bounded cache, the label-history features once per label pair. Only the features
 * of two or three words together are looked up one by one. Same sums as scoring the strings
 * (tagger.spec checks it); about three times fewer string builds and map lookups per token.
 */
import type { Token } from '../recognizer.js';
import { EDGE, LABELS, separator, tokenView, type TokenView } from './features.js';
import type { TrainedPerceptron } from './perceptron.js';

const N = LABELS.length;
// Distinct words kept; the cache is emptied when full, so memory stays bounded whatever the input.
const MAX_WORDS = 50_000;
const MAX_PAIRS = 200_000;
// Shapes and lexicon codes get small ids so that a triple of shapes is one number (below 2^30: a small integer key).
const ID_BITS = 10;
const MAX_ID = 1 << ID_BITS;

function add(out: Float64Array, v: Float64Array): void {
  for (let y = 0; y < N; y++) out[y] = (out[y] as number) + (v[y] as number);
}

interface PairScores {
  /** w-2,-1 when the pair precedes the token, w+1,+2 when it follows. */
  before: Float64Array;
  after: Float64Array;
  /** w-1,0 and w-1|sh when the second word is the token. */
  ending: Float64Array;
}

interface WordScores {
  id: number;
  shapeId: number;
  lexId: number;
  view: TokenView;
  /** Scores of the pairs this word opens, by the second word's id. */
  pairs: Map<number, PairScores>;
  /** w, sh, lx, sh|lx, p3, s3, s2 and the history-free t-1|sh feature. */
  own: Float64Array;
  /** ss=0|sh and ss=1|sh. */
  sentence: [Float64Array, Float64Array];
  /** As the neighbour of the token being scored: w-1 sh-1 lx-1, w-2, w+1 sh+1 lx+1, w+2. */
  prev1: Float64Array;
  prev2: Float64Array;
  next1: Float64Array;
  next2: Float64Array;
}

export class CachedScorer {
  private readonly model: TrainedPerceptron;
  private readonly words = new Map<string, WordScores>();
  private readonly edge: WordScores;
  private readonly bias: Float64Array;
  private readonly history: Float64Array[];
  private readonly separators = new Map<string, Float64Array>();
  private readonly shapeIds = new Map<string, number>();
  private readonly lexIds = new Map<string, number>();
  private readonly shapeTriples = new Map<number, Float64Array>();
  private readonly lexPairs = new Map<number, Float64Array>();
  private pairCount = 0;
  private nextId = 1;

  constructor(model: TrainedPerceptron) {
    this.model = model;
    this.edge = this.wordScores(EDGE, 0);
    this.bias = this.sum(['b']);
    // t-1=X and t-2,-1=Y|X for every pair of labels, indexed prev2 * N + prev.
    this.history = [];
    for (let p2 = 0; p2 < N; p2++) for (let p1 = 0; p1 < N; p1++) this.history.push(this.sum([`t-1=${LABELS[p1]}`, `t-2,-1=${LABELS[p2]}|${LABELS[p1]}`]));
  }

  private sum(features: readonly string[]): Float64Array {
    return this.model.score(features, new Float64Array(N));
  }

  private idOf(ids: Map<string, number>, key: string): number {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  }

  private wordScores(v: TokenView, id = this.nextId++): WordScores {
    return {
      id,
      shapeId: this.idOf(this.shapeIds, v.shape),
      lexId: this.idOf(this.lexIds, v.lex),
      view: v,
      pairs: new Map(),
      own: this.sum([`w=${v.f}`, `sh=${v.shape}`, `lx=${v.lex}`, `sh|lx=${v.shape}|${v.lex}`, `p3=${v.f.slice(0, 3)}`, `s3=${v.f.slice(-3)}`, `s2=${v.f.slice(-2)}`, `t-1|sh=${v.shape}`]),
      sentence: [this.sum([`ss=0|${v.shape}`]), this.sum([`ss=1|${v.shape}`])],
      prev1: this.sum([`w-1=${v.f}`, `sh-1=${v.shape}`, `lx-1=${v.lex}`]),
      prev2: this.sum([`w-2=${v.f}`]),
      next1: this.sum([`w+1=${v.f}`, `sh+1=${v.shape}`, `lx+1=${v.lex}`]),
      next2: this.sum([`w+2=${v.f}`]),
    };
  }

  private pair(a: WordScores, b: WordScores): PairScores {
    let p = a.pairs.get(b.id);
    if (!p) {
      if (this.pairCount >= MAX_PAIRS) this.clear();
      p = {
        before: this.sum([`w-2,-1=${a.view.f} ${b.view.f}`]),
        after: this.sum([`w+1,+2=${a.view.f} ${b.view.f}`]),
        ending: this.sum([`w-1,0=${a.view.f} ${b.view.f}`, `w-1|sh=${a.view.f}|${b.view.shape}`]),
      };
      a.pairs.set(b.id, p);
      this.pairCount++;
    }
    return p;
  }

  private shapeTriple(a: WordScores, b: WordScores, c: WordScores): Float64Array {
    if (a.shapeId >= MAX_ID || b.shapeId >= MAX_ID || c.shapeId >= MAX_ID) return this.sum([`sh-1,0,+1=${a.view.shape}|${b.view.shape}|${c.view.shape}`]);
    const key = (a.shapeId << (2 * ID_BITS)) | (b.shapeId << ID_BITS) | c.shapeId;
    let v = this.shapeTriples.get(key);
    if (!v) this.shapeTriples.set(key, (v = this.sum([`sh-1,0,+1=${a.view.shape}|${b.view.shape}|${c.view.shape}`])));
    return v;
  }

  private lexPair(a: WordScores, b: WordScores): Float64Array {
    if (a.lexId >= MAX_ID || b.lexId >= MAX_ID) return this.sum([`lx,lx+1=${a.view.lex}|${b.view.lex}`]);
    const key = (a.lexId << ID_BITS) | b.lexId;
    let v = this.lexPairs.get(key);
    if (!v) this.lexPairs.set(key, (v = this.sum([`lx,lx+1=${a.view.lex}|${b.view.lex}`])));
    return v;
  }

  /** Empties the word and pair caches (the edge keeps its scores, without its pairs). */
  private clear(): void {
    for (const w of this.words.values()) w.pairs.clear();
    this.edge.pairs.clear();
    this.words.clear();
    this.pairCount = 0;
  }

  /** The cached scores of each token's word. */
  wordsOf(text: string, tokens: readonly Token[]): WordScores[] {
    return tokens.map((t) => {
      const word = text.slice(t.start, t.end);
      let w = this.words.get(word);
      if (!w) {
        if (this.words.size >= MAX_WORDS) this.clear();
        w = this.wordScores(tokenView(text, t));
        this.words.set(word, w);
      }
      return w;
    });
  }

  /**
   * Scores of token i with the static features (everything but the label history), into `out`; the
   * history is added per decision by `addHistory`.
   */
  staticScores(text: string, tokens: readonly Token[], words: readonly WordScores[], i: number, out: Float64Array): void {
    const t = tokens[i] as Token;
    const cur = words[i] as WordScores;
    const p1 = words[i - 1] ?? this.edge;
    const p2 = words[i - 2] ?? this.edge;
    const n1 = words[i + 1] ?? this.edge;
    const n2 = words[i + 2] ?? this.edge;
    const sep = separator(text, tokens, i);
    let sepScores = this.separators.get(sep);
    if (!sepScores) this.separators.set(sep, (sepScores = this.sum([`sep=${sep}`])));
    out.set(this.bias);
    add(out, cur.own);
    add(out, cur.sentence[t.sentenceStart ? 1 : 0]);
    add(out, sepScores);
    add(out, p1.prev1);
    add(out, p2.prev2);
    add(out, n1.next1);
    add(out, n2.next2);
    add(out, this.pair(p2, p1).before);
    add(out, this.pair(n1, n2).after);
    add(out, this.pair(p1, cur).ending);
    add(out, this.shapeTriple(p1, cur, n1));
    add(out, this.lexPair(cur, n1));
  }

  addHistory(out: Float64Array, prev: number, prev2: number): void {
    add(out, this.history[prev2 * N + prev] as Float64Array);
  }
}
