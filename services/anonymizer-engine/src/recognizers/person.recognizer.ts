import { COMMON_FIRST_NAMES, COMMON_WORDS, ENGLISH_WORDS, FIRST_NAMES, HUMAN_NAMES, KNOWN_ORGS, LOCATIONS, MAJOR_PLACES, NAME_PARTICLES, NEVER_NAMES, STOPWORDS, SURNAMES, TITLES } from '../lexicon.js';
import type { Recognizer, RecognizerInput, Token } from '../recognizer.js';
import { LEGAL_FORMS, LIST_SEPARATOR, PLACE_HEADS, SPEAKER_AFTER, STREET_AFTER, STREET_BEFORE, STREET_PARTICLES, STRONG_CUE, WEAK_CUE } from './person-cues.js';
import { tokensOf } from '../tokens.js';
import type { Finding } from '../types.js';

/*
 * Names combine three signals, each measured in eval/: dictionaries (first names and surnames from
 * @faker-js/faker locale data), capitalisation (a capitalised word inside a sentence is a proper noun)
 * and cues (a title, "je m'appelle", "my name is", a role such as "le conseiller", a sign-off).
 */

function before(input: RecognizerInput, t: Token, width = 32): string {
  return input.folded.slice(Math.max(0, t.start - width), t.start);
}

function isTitle(t: Token | undefined, language: string): boolean {
  // "Me" is Maître in French, a pronoun in English ("Carry Me Back").
  return t !== undefined && TITLES.has(t.f) && t.joinedToNext && (t.f !== 'me' || language === 'fr');
}

function firstNameLike(f: string): boolean {
  if (FIRST_NAMES.has(f)) return true;
  if (!f.includes('-')) return false;
  const parts = f.split('-');
  return parts.length === 2 && parts.every((p) => FIRST_NAMES.has(p));
}

function wordLike(f: string): boolean {
  return STOPWORDS.has(f) || COMMON_WORDS.has(f);
}

/** A capitalised (or all-caps) word that may be part of a name. */
function nameShaped(t: Token): boolean {
  // All-caps words of one or two letters are acronyms (FR, UK, NW), not names.
  return t.cap || (t.upper && t.f.length >= 3) || t.initial;
}

function unknownProper(t: Token): boolean {
  // Short all-caps words are acronyms (NW, SNCF, RER), not names.
  return (t.cap || (t.upper && t.f.length >= 4)) && !wordLike(t.f) && !ENGLISH_WORDS.has(t.f) && !FIRST_NAMES.has(t.f) && !SURNAMES.has(t.f) && !LOCATIONS.has(t.f);
}

function score(tokens: Token[], strong: boolean, weak: boolean, inSentence: boolean, speaker = false): number {
  const first = tokens.filter((t) => firstNameLike(t.f)).length;
  const sur = tokens.filter((t) => SURNAMES.has(t.f)).length;
  const unknown = tokens.filter(unknownProper).length;
  const common = tokens.filter((t) => wordLike(t.f) && !t.initial).length;
  // Places count against a name, except small places named like people after a first name ("James Sparks").
  const afterFirst = tokens.length > 1 && firstNameLike((tokens[0] as Token).f);
  const place = tokens.filter((t) => MAJOR_PLACES.has(t.f) || (LOCATIONS.has(t.f) && !firstNameLike(t.f) && !SURNAMES.has(t.f) && !(afterFirst && HUMAN_NAMES.has(t.f)))).length;
  if (strong) return 0.9;
  // "Paris Hilton" is a person, "Paris" or "London NW1" a place.
  if (MAJOR_PLACES.has((tokens[0] as Token).f) && !(tokens.length >= 2 && SURNAMES.has((tokens[1] as Token).f))) return 0;
  if (tokens.length >= 2) {
    if (tokens.every((t) => t.upper) && first === 0) return 0;
    const nameParts = tokens.every((t) => t.initial || NAME_PARTICLES.has(t.f) || firstNameLike(t.f) || SURNAMES.has(t.f) || unknownProper(t) || (afterFirst && HUMAN_NAMES.has(t.f)));
    if (first > 0 && nameParts && place === 0) return first === tokens.length && common > 0 ? 0.7 : 0.9;
    if (first > 0 && common <= 1 && place === 0) return 0.75;
    if (tokens[0]?.initial && (sur > 0 || unknown > 0)) return 0.8;
    if (sur > 0 && unknown > 0 && common === 0 && place === 0) return 0.7;
    if (sur > 1 && common === 0) return 0.7;
    // Two or three unknown proper nouns in a row, none an English word (Tomomi Nishiyama, Siobhan O'Brien).
    // Every word a known human name (humannames) or unknown, at least one no English word (Tilly Nicholson).
    const humanOnly = tokens.every((t) => t.initial || NAME_PARTICLES.has(t.f) || ((HUMAN_NAMES.has(t.f) || unknownProper(t)) && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f)));
    if (humanOnly && tokens.some((t) => !t.initial && !ENGLISH_WORDS.has(t.f)) && tokens.every((t) => t.cap || t.initial || NAME_PARTICLES.has(t.f)) && place === 0) {
      return inSentence || weak ? 0.7 : 0.6;
    }
    const initials = tokens.filter((t) => t.initial).length;
    if (unknown + sur + initials === tokens.length && unknown > 0 && tokens.length <= 4 && tokens.every((t) => t.cap || t.initial) && !(tokens[tokens.length - 1] as Token).initial) {
      return inSentence || weak ? 0.7 : 0.6;
    }
    return 0;
  }
  const t = tokens[0] as Token;
  if (t.upper) return 0;
  if (place > 0 || NEVER_NAMES.has(t.f)) return 0;
  if (first > 0) {
    if (STOPWORDS.has(t.f)) return 0;
    if (wordLike(t.f)) return inSentence && weak ? 0.6 : 0;
    if (inSentence) return weak ? 0.85 : 0.75;
    return COMMON_FIRST_NAMES.has(t.f) ? 0.65 : weak ? 0.6 : 0;
  }
  if (sur > 0 && !wordLike(t.f)) {
    if (inSentence) return weak ? 0.7 : 0.55;
    // "Nguyen from accounts", "Lefebvre du service compta": a surname that is no English word, leading a sentence.
    return !ENGLISH_WORDS.has(t.f) ? 0.55 : 0;
  }
  if (unknown > 0 && inSentence && weak) return 0.6;
  // A sentence opened by an unknown proper noun that speaks or acts ("Halldór: ...", "Tomomi is from ...").
  if (unknown > 0 && !inSentence && speaker) return 0.6;
  return 0;
}


/**
 * In an enumeration of names ("Monjeau, Graves and Reed", "Sophie, Gaëtane et Marc"), a capitalised word
 * next to a found name, that is a known human name or unknown to the word lists, is a name too.
 */
function propagateInLists(input: RecognizerInput, tokens: Token[], out: Finding[]): void {
  const found = new Map(out.map((f) => [f.start, f] as const));
  const ends = new Map(out.map((f) => [f.end, f] as const));
  const candidate = (t: Token | undefined): t is Token =>
    t !== undefined && t.cap && !found.has(t.start) && !STOPWORDS.has(t.f) && !COMMON_WORDS.has(t.f) && !MAJOR_PLACES.has(t.f) && (HUMAN_NAMES.has(t.f) || unknownProper(t) || SURNAMES.has(t.f) || firstNameLike(t.f));
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!candidate(t)) continue;
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      const afterName = prev !== undefined && ends.has(prev.end) && LIST_SEPARATOR.test(input.folded.slice(prev.end, t.start));
      const beforeName = next !== undefined && found.has(next.start) && LIST_SEPARATOR.test(input.folded.slice(t.end, next.start));
      if (!afterName && !beforeName) continue;
      const f: Finding = { type: 'PERSON', start: t.start, end: t.end, score: 0.6, recognizer: 'person' };
      out.push(f);
      found.set(f.start, f);
      ends.set(f.end, f);
    }
  }
}

// Unit words of an address never continue a name ("Barbara Yudina Apt. 675").
const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'unit', 'flat']);

export const personRecognizer: Recognizer = {
  name: 'person',
  types: ['PERSON'],
  languages: ['fr', 'en'],
  analyze(input) {
    const tokens = tokensOf(input);
    const out: Finding[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      // Cheap test first: only capitalised words, or lower-case known first names, can start a name.
      if (!nameShaped(t) && !(FIRST_NAMES.has(t.f) && !wordLike(t.f))) continue;
      const prev = tokens[i - 1];
      const titled = isTitle(prev, input.language) && nameShaped(t);
      const ctx = titled ? '' : before(input, t);
      const strong = titled || STRONG_CUE.endsWith(ctx);
      const weak = !strong && WEAK_CUE.endsWith(ctx);
      // Lower-case names count only right after a strong cue and when the dictionaries know them.
      // Informal verbatims are often all lower case ("merci a kevin"): a lower-case first name counts after a
      // cue, a strong one for any known first name, a weak one only for a common French or English first
      // name that is no English word either.
      const lowerOk =
        !t.cap && !t.upper && firstNameLike(t.f) && !wordLike(t.f) &&
        (strong || (weak && COMMON_FIRST_NAMES.has(t.f) && !ENGLISH_WORDS.has(t.f) && t.f.length >= 3));
      if (!nameShaped(t) && !lowerOk) continue;
      // A title is never the name itself ("Merci Docteur"), nor is a company ("Doctolib").
      if (TITLES.has(t.f) || KNOWN_ORGS.has(t.f)) continue;
      // "Port Kerhuon", "Mount Kenya": a place (English texts; French keeps "Fort" as a surname).
      if (input.language === 'en' && t.cap && PLACE_HEADS.has(t.f) && t.joinedToNext && tokens[i + 1]?.cap) continue;
      // An English word opening a sentence before a first name is not part of it ("Producer James Sparks").
      const following = tokens[i + 1];
      if (t.sentenceStart && ENGLISH_WORDS.has(t.f) && !firstNameLike(t.f) && !SURNAMES.has(t.f) && t.joinedToNext && following && following.cap && firstNameLike(following.f)) continue;
      const next0 = tokens[i + 1];
      const namedNext = next0 !== undefined && t.joinedToNext && nameShaped(next0) && (SURNAMES.has(next0.f) || firstNameLike(next0.f) || unknownProper(next0));
      if (!strong && wordLike(t.f) && !(firstNameLike(t.f) && (!t.sentenceStart || namedNext))) continue;
      const seq: Token[] = [t];
      let j = i;
      while (seq.length < 4) {
        const cur = tokens[j] as Token;
        const next = tokens[j + 1];
        if (!next || !cur.joinedToNext) break;
        // A capitalised English word that no name list knows ends the name ("UPTON SCUDAMORE Country Club").
        // A capitalised English word continues a name only as a known surname ("Harry Potter").
        const nameWord =
          !KNOWN_ORGS.has(next.f) &&
          (SURNAMES.has(next.f) || firstNameLike(next.f) || next.initial || (!wordLike(next.f) && (!ENGLISH_WORDS.has(next.f) || (HUMAN_NAMES.has(next.f) && seq.some((x) => firstNameLike(x.f))))));
        if (nameShaped(next) && nameWord && !TITLES.has(next.f) && !LEGAL_FORMS.has(next.f) && !UNIT_WORDS.has(next.f)) {
          seq.push(next);
          j++;
          continue;
        }
        if (lowerOk && seq.length === 1 && (SURNAMES.has(next.f) || (HUMAN_NAMES.has(next.f) && !ENGLISH_WORDS.has(next.f))) && !wordLike(next.f)) {
          seq.push(next);
          j++;
          continue;
        }
        // Particles inside a name (Charles de Gaulle, Thibault de La Roche, Ludwig van Beethoven), never
        // before a place or a first name ("Avis de Thibault").
        if (NAME_PARTICLES.has(next.f) && !next.upper && next.joinedToNext && seq.some((x) => firstNameLike(x.f))) {
          let k = j + 2;
          const second = tokens[k];
          if (second && NAME_PARTICLES.has(second.f) && !second.upper && second.joinedToNext) k++;
          const after = tokens[k];
          if (after && after.cap && !MAJOR_PLACES.has(after.f) && !wordLike(after.f) && !firstNameLike(after.f)) {
            for (let x = j + 1; x <= k; x++) seq.push(tokens[x] as Token);
            j = k;
            continue;
          }
        }
        break;
      }
      while (seq.length > 1 && (seq[seq.length - 1] as Token).initial && seq.length > 1) seq.pop();
      const inSentence = !t.sentenceStart || titled;
      const lastSeq = seq[seq.length - 1] as Token;
      const speaker = SPEAKER_AFTER.test(input.text.slice(lastSeq.end, lastSeq.end + 12).toLowerCase());
      let s = score(seq, strong, weak, inSentence, speaker);
      const lastTok = seq[seq.length - 1] as Token;
      // Company names and short acronyms are not people, even after "le livreur" ("le livreur DPD").
      if (KNOWN_ORGS.has(seq.map((x) => x.f).join(' ')) || (seq.length === 1 && t.upper && t.f.length <= 4 && !firstNameLike(t.f) && !SURNAMES.has(t.f))) {
        i = j;
        continue;
      }
      if (s > 0 && !strong && (STREET_BEFORE.endsWith(before(input, t, 24), ' ', 1, STREET_PARTICLES) || STREET_AFTER.test(input.folded.slice(lastTok.end, lastTok.end + 14)))) s = 0;
      if (s > 0) {
        const last = lastTok;
        out.push({ type: 'PERSON', start: t.start, end: last.end, score: s, recognizer: 'person' });
      }
      i = j;
    }
    propagateInLists(input, tokens, out);
    return out;
  },
};
