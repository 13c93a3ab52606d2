import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemFrench } from '@orama/stemmers/french';
import { stopwordsFor, type AnalysedLanguage } from './text.js';

/** Words of the stopword lists that carry a theme in customer feedback, so are kept as terms. */
const KEEP: Record<AnalysedLanguage, string[]> = {
  en: ['order', 'ordered', 'help', 'home', 'service', 'price', 'call', 'called', 'week', 'weeks', 'late', 'date'],
  fr: ['service', 'semaine', 'semaines', 'jour', 'jours', 'prix', 'appel'],
};

/** Generic words (evaluations, fillers) that would otherwise make themes such as "great, really". */
const EXTRA_STOPWORDS: Record<AnalysedLanguage, string[]> = {
  en: [
    'really', 'just', 'also', 'still', 'even', 'ever', 'thing', 'things', 'lot', 'bit', 'great', 'good', 'bad', 'terrible',
    'awful', 'amazing', 'excellent', 'love', 'loved', 'hate', 'happy', 'disappointed', 'disappointing', 'nice', 'perfect',
    'horrible', 'worst', 'best', 'totally', 'absolutely', 'completely', 'honestly', 'overall', 'star', 'stars', 'ok', 'okay',
    'pretty', 'quite', 'super', 'fine', 'thank', 'thanks', 'recommend', 'experience', 'time', 'times', 'now', 'again',
    'yet', 'already', 'today', 'yesterday', 'every', 'never', 'always', 'made', 'make', 'makes', 'get', 'got', 'getting',
    'comment', 'comments', 'report', 'overall',
  ],
  fr: [
    'vraiment', 'très', 'trop', 'bien', 'bon', 'bonne', 'mauvais', 'mauvaise', 'super', 'génial', 'top', 'nul', 'nulle',
    'excellent', 'excellente', 'parfait', 'parfaite', 'horrible', 'déçu', 'déçue', 'décevant', 'décevante', 'content',
    'contente', 'satisfait', 'satisfaite', 'merci', 'recommande', 'recommander', 'expérience', 'fois', 'encore', 'toujours',
    'jamais', 'déjà', 'aujourd', 'hui', 'hier', 'chaque', 'tout', 'tous', 'toute', 'toutes', 'rien', 'fait', 'faire',
    'franchement', 'complètement', 'totalement', 'étoile', 'étoiles', 'ok', 'bref', 'dire', 'avoir', 'être',
    'signaler', 'ras', 'ensemble', 'globalement', 'correct', 'correcte',
  ],
};

/**
 * A small bilingual glossary of customer-feedback vocabulary, so that "livraison" and "delivery"
 * count as one term and a theme gathers French and English responses alike. Words outside the
 * glossary stay language-specific terms (their stem).
 */
const GLOSSARY: Array<{ key: string; en: string[]; fr: string[] }> = [
  { key: 'delivery', en: ['delivery', 'deliveries', 'deliver', 'delivered', 'shipping', 'shipped', 'shipment'], fr: ['livraison', 'livraisons', 'livrer', 'livré', 'livrée', 'livrés', 'expédition', 'expédié', 'expédiée'] },
  { key: 'delay', en: ['late', 'delay', 'delayed', 'delays', 'lateness', 'overdue'], fr: ['retard', 'retards', 'retardé', 'retardée', 'tard'] },
  { key: 'parcel', en: ['parcel', 'parcels', 'package', 'packages'], fr: ['colis', 'paquet', 'paquets'] },
  { key: 'courier', en: ['courier', 'couriers', 'driver', 'carrier'], fr: ['livreur', 'livreurs', 'transporteur', 'coursier'] },
  { key: 'wait', en: ['wait', 'waited', 'waiting'], fr: ['attendre', 'attente', 'attendu', 'attends', 'attendais'] },
  { key: 'week', en: ['week', 'weeks'], fr: ['semaine', 'semaines'] },
  { key: 'day', en: ['day', 'days'], fr: ['jour', 'jours'] },
  { key: 'order', en: ['order', 'orders', 'ordered'], fr: ['commande', 'commandes', 'commandé', 'commandée', 'commander'] },
  { key: 'price', en: ['price', 'prices', 'pricing', 'priced', 'cost', 'costs'], fr: ['prix', 'tarif', 'tarifs', 'coût', 'coûte'] },
  { key: 'expensive', en: ['expensive', 'overpriced', 'pricey'], fr: ['cher', 'chère', 'chers', 'chères', 'onéreux'] },
  { key: 'subscription', en: ['subscription', 'subscriptions', 'plan'], fr: ['abonnement', 'abonnements', 'forfait'] },
  { key: 'refund', en: ['refund', 'refunds', 'refunded', 'reimbursed', 'reimbursement'], fr: ['remboursement', 'rembourser', 'remboursé', 'remboursée'] },
  { key: 'bill', en: ['bill', 'billing', 'billed', 'invoice', 'charged', 'charge', 'charges'], fr: ['facture', 'factures', 'facturation', 'facturé', 'prélèvement', 'prélevé'] },
  { key: 'money', en: ['money'], fr: ['argent'] },
  { key: 'app', en: ['app', 'apps', 'application'], fr: ['appli', 'application', 'applis'] },
  { key: 'crash', en: ['crash', 'crashes', 'crashed', 'crashing', 'freeze', 'freezes', 'frozen'], fr: ['plante', 'plantage', 'plantages', 'planté', 'crash', 'crashe', 'fige', 'figée', 'bloque'] },
  { key: 'bug', en: ['bug', 'bugs', 'buggy', 'glitch', 'glitches'], fr: ['bug', 'bugs', 'beug', 'bogue', 'bugue'] },
  { key: 'update', en: ['update', 'updates', 'updated'], fr: ['maj', 'actualisation', 'version'] },
  { key: 'login', en: ['login', 'log', 'password', 'sign'], fr: ['connexion', 'connecter', 'identifiant', 'identifiants'] },
  { key: 'screen', en: ['screen', 'screens'], fr: ['écran', 'écrans'] },
  { key: 'support', en: ['support', 'agent', 'agents', 'advisor', 'representative', 'hotline', 'helpdesk'], fr: ['conseiller', 'conseillère', 'conseillers', 'hotline', 'sav', 'support', 'assistance'] },
  { key: 'service', en: ['service'], fr: ['service'] },
  { key: 'customer', en: ['customer', 'customers'], fr: ['client', 'clients', 'cliente'] },
  { key: 'answer', en: ['answer', 'answered', 'reply', 'replied', 'response', 'respond', 'responded'], fr: ['réponse', 'réponses', 'répondre', 'répondu', 'répond'] },
  { key: 'call', en: ['call', 'called', 'calls', 'phone'], fr: ['appel', 'appels', 'appelé', 'téléphone', 'appeler'] },
  { key: 'email', en: ['email', 'emails', 'mail'], fr: ['mail', 'mails', 'courriel'] },
  { key: 'quality', en: ['quality'], fr: ['qualité'] },
  { key: 'product', en: ['product', 'products', 'item', 'items'], fr: ['produit', 'produits', 'article', 'articles'] },
  { key: 'broken', en: ['broken', 'broke', 'damaged', 'defective', 'faulty'], fr: ['cassé', 'cassée', 'abîmé', 'abîmée', 'défectueux', 'défectueuse', 'endommagé', 'endommagée'] },
  { key: 'material', en: ['material', 'materials', 'fabric'], fr: ['matière', 'matériau', 'matériaux', 'tissu'] },
  { key: 'size', en: ['size', 'sizes', 'fit'], fr: ['taille', 'tailles'] },
];

const STEMMERS: Record<AnalysedLanguage, (word: string) => string> = { en: stemEnglish, fr: stemFrench };

interface LanguageTables {
  stop: Set<string>;
  /** stem -> glossary key */
  concepts: Map<string, string>;
  /** word -> feature key, memoised (stemming dominates the cost on large datasets) */
  cache: Map<string, string | null>;
}

function buildTables(lang: AnalysedLanguage): LanguageTables {
  // Glossary words are never stopwords (stopwords-iso lists "cher", as in "cher client").
  const keep = new Set([...KEEP[lang], ...GLOSSARY.flatMap((entry) => entry[lang])]);
  const stop = new Set([...stopwordsFor(lang), ...EXTRA_STOPWORDS[lang]].map((w) => w.normalize('NFC').toLowerCase()).filter((w) => !keep.has(w)));
  const concepts = new Map<string, string>();
  for (const entry of GLOSSARY) {
    for (const word of entry[lang]) concepts.set(STEMMERS[lang](word), entry.key);
  }
  return { stop, concepts, cache: new Map() };
}

const TABLES: Record<AnalysedLanguage, LanguageTables> = { en: buildTables('en'), fr: buildTables('fr') };

/**
 * The theme feature of a word: its glossary key when it has one, otherwise `<lang>:<stem>`;
 * `null` for stopwords, numbers and one-letter words.
 */
export function featureOf(word: string, lang: AnalysedLanguage): string | null {
  const tables = TABLES[lang];
  const cached = tables.cache.get(word);
  if (cached !== undefined) return cached;
  let feature: string | null = null;
  if (word.length > 1 && !/^\d+$/.test(word) && !tables.stop.has(word) && !word.endsWith("'t")) {
    const stem = STEMMERS[lang](word);
    feature = tables.concepts.get(stem) ?? `${lang}:${stem}`;
  }
  tables.cache.set(word, feature);
  return feature;
}
