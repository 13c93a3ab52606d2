import { COMMON_WORDS, ENGLISH_WORDS, FIRST_NAMES, HUMAN_NAMES, KNOWN_ORGS, LOCATIONS, NAME_PARTICLES, NEVER_NAMES, STOPWORDS, SURNAMES, TOWNS } from '../lexicon.js';
import type { Recognizer, Token } from '../recognizer.js';
import { LABELS } from '../statistical/features.js';
import { loadModel } from '../statistical/model.js';
import { CachedScorer } from '../statistical/scorer.js';
import { tagTokens } from '../statistical/tagger.js';
import { tokensOf } from '../tokens.js';
import type { EntityType, Finding, Language } from '../types.js';

// Loaded (or trained and cached) once, when the engine is imported, like the word lists.
const SCORERS = { fr: new CachedScorer(loadModel('fr')), en: new CachedScorer(loadModel('en')) };
// Scores stay below the rules' cue-backed findings (0.9+): where a rule with a cue and the model cross,
// the rule wins; where the model is sure and a rule only guessed (0.55-0.75), the model wins.
const MAX_SCORE = 0.86;
const MIN_CONFIDENCE = 0.6;

// What may separate two words of one name: a space, a hyphen, an apostrophe, "&" or an abbreviation's dot
// (never a comma, a colon, a digit or a line break, which end it).
const NAME_GAP = /^(?: |-|'|’|\. | & | ?& ?)$/;

function known(t: Token): boolean {
  return FIRST_NAMES.has(t.f) || SURNAMES.has(t.f) || HUMAN_NAMES.has(t.f) || LOCATIONS.has(t.f) || TOWNS.has(t.f) || KNOWN_ORGS.has(t.f);
}

function knownAs(type: EntityType, t: Token): boolean {
  if (type === 'LOCATION') return LOCATIONS.has(t.f) || TOWNS.has(t.f);
  if (type === 'ORG') return KNOWN_ORGS.has(t.f);
  return FIRST_NAMES.has(t.f) || SURNAMES.has(t.f) || HUMAN_NAMES.has(t.f);
}

/**
 * A person's name is written in one case: capitalised throughout ("Dupont insiste" is not a name), or
 * lower case starting with a known first name ("jenny", not "delivery").
 */
function plausible(type: EntityType, language: Language, tokens: readonly Token[], i: number, j: number): boolean {
  const first = tokens[i] as Token;
  // One ordinary English word that no name or place list knows ("Port", "Sale"): the rules decide.
  // Months, greetings, nationalities, names of identifiers ("iban", "German") are never a name alone.
  if (j - i === 1 && NEVER_NAMES.has(first.f)) return false;
  if (j - i === 1 && ENGLISH_WORDS.has(first.f) && !first.upper && !FIRST_NAMES.has(first.f) && !SURNAMES.has(first.f) && !LOCATIONS.has(first.f)) return false;
  // A span whose only capital is the one opening its sentence, and whose first word no list knows
  // ("Réponse", "Retard de livraison"): nothing in it but its position says it is a name.
  if (first.sentenceStart && !known(first) && tokens.slice(i + 1, j).every((t) => !t.startsUpper)) return false;
  // Written all in lower case with no word a list knows as this kind of entity ("petit colis": petit is
  // a surname, not a place): no evidence beyond the model's guess.
  if (tokens.slice(i, j).every((t) => !t.startsUpper && !knownAs(type, t))) return false;
  // English names its organisations and places with a capital first word ("the economy of their home
  // city Villafranca" is no organisation); French bodies open in lower case ("tribunal de commerce de Lisieux").
  if (language === 'en' && !first.startsUpper && tokens.slice(i + 1, j).some((t) => t.startsUpper)) return false;
  // One word opening a sentence that is no first name ("Colis reçu...", "Dupont insiste"): the rules decide, with their cues.
  if (type === 'PERSON' && j - i === 1 && first.sentenceStart && !FIRST_NAMES.has(first.f)) return false;
  // An acronym no list knows, then only lower-case words ("JSON object matching"): a term, not a body's name.
  if (first.upper && !known(first) && j - i > 1 && tokens.slice(i + 1, j).every((t) => !t.startsUpper)) return false;
  // Its capitals are only a pronoun, an article or a lone letter ("I cancelled"): nothing names it.
  if (tokens.slice(i, j).every((t) => !t.startsUpper || STOPWORDS.has(t.f) || t.f.length === 1) && !tokens.slice(i, j).some((t) => knownAs(type, t))) return false;
  if (type !== 'PERSON') return true;
  if (first.startsUpper) return tokens.slice(i + 1, j).every((t) => t.startsUpper || NAME_PARTICLES.has(t.f));
  // In lower case, a first name that is also a common word ("claire", "rose", "pierre") is the word.
  return FIRST_NAMES.has(first.f) && !COMMON_WORDS.has(first.f) && j - i <= 3;
}

/**
 * PERSON, ORG and LOCATION from an averaged perceptron over word tokens (BIO tags, greedy decoding):
 * finds what has no cue the rules know (a lone first name, a lower-case name, a company without a legal
 * form, a court or a small town). The score of a span is its tokens' mean confidence.
 */
export const statisticalRecognizer: Recognizer = {
  name: 'statistical',
  types: ['PERSON', 'ORG', 'LOCATION'],
  languages: ['fr', 'en'],
  secondOpinion: true,
  analyze(input) {
    const tokens = tokensOf(input);
    if (tokens.length === 0) return [];
    const tags = tagTokens(SCORERS[input.language], input.text, tokens);
    const out: Finding[] = [];
    let i = 0;
    while (i < tags.length) {
      const label = LABELS[tags[i]?.label ?? 0] as string;
      if (!label.startsWith('B-')) {
        i++;
        continue;
      }
      const type = label.slice(2) as EntityType;
      let j = i + 1;
      let sum = tags[i]?.p ?? 0;
      while (j < tags.length && LABELS[tags[j]?.label ?? 0] === `I-${type}` && NAME_GAP.test(input.text.slice((tokens[j - 1] as Token).end, (tokens[j] as Token).start))) sum += tags[j++]?.p ?? 0;
      const confidence = sum / (j - i);
      if (confidence >= MIN_CONFIDENCE && plausible(type, input.language, tokens, i, j)) {
        out.push({ type, start: (tokens[i] as Token).start, end: (tokens[j - 1] as Token).end, score: Math.min(MAX_SCORE, confidence), recognizer: 'statistical' });
      }
      i = j;
    }
    return out;
  },
};
