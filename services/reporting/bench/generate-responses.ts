// Realistic anonymized French and English responses, generated deterministically from templates.
import type { AnalysisInput } from '../src/analysis/index.js';
import { createRandom } from '../src/analysis/cluster.js';

type Template = (pick: <T>(options: readonly T[]) => T) => string;

const NUMBERS = ['deux', 'trois', 'cinq', 'dix'];
const EN_NUMBERS = ['two', 'three', 'five', 'ten'];

const TEMPLATES: Record<'fr' | 'en', Template[]> = {
  fr: [
    (p) => `Livraison avec ${p(NUMBERS)} jours de retard, ${p(['aucune information sur le suivi', 'le colis était abîmé', 'personne ne répond', 'très déçu'])}.`,
    (p) => `Mon colis ${p(['est arrivé en retard', 'a été perdu par le transporteur', 'est resté bloqué au dépôt', 'est arrivé en 48h, parfait'])}${p(['.', ' !', ', encore une fois.'])}`,
    (p) => `Le livreur ${p(["n'est jamais passé", 'a laissé le colis chez un voisin', 'était très aimable', 'est arrivé avec une semaine de retard'])}.`,
    (p) => `Le service client ${p(['ne répond jamais au téléphone', 'a été très efficace', 'met des jours à répondre aux mails', 'est injoignable'])}${p(['.', ', inadmissible.', ', merci !'])}`,
    (p) => `Conseiller ${p(['aimable et patient', 'désagréable', 'compétent', 'qui ne connaît pas le produit'])}, ${p(['problème résolu en un appel', 'aucune solution proposée', 'réponse rapide'])}.`,
    (p) => `${p(['Prix trop élevés', 'Abonnement hors de prix', 'Tarifs raisonnables', 'Les frais de port sont excessifs'])}, ${p(["j'ai trouvé moins cher ailleurs", 'bon rapport qualité prix', 'je vais résilier', 'hausse sans prévenir'])}.`,
    (p) => `On m'a facturé ${p(['deux fois', '15 euros de plus', 'un abonnement que je n’ai pas demandé'])}, toujours pas de remboursement.`,
    (p) => `L'application ${p(['plante au démarrage', 'bug sur la page panier', 'est lente', 'est fluide et intuitive', 'se fige au paiement'])}${p(['.', ' depuis la mise à jour.', ' sur mon téléphone.'])}`,
    (p) => `Impossible de me connecter à l'appli, ${p(["message d'erreur", 'écran blanc', 'mot de passe refusé'])} à chaque fois.`,
    (p) => `Produit de ${p(['mauvaise qualité', 'très bonne qualité', 'qualité médiocre'])}, ${p(['cassé au bout de deux semaines', 'solide et bien fini', 'le tissu s’est abîmé au lavage', 'conforme à la description'])}.`,
    (p) => `${p(['Article défectueux', 'Produit reçu cassé', 'Produit robuste'])}${p([', très déçu.', ', je suis satisfait.', ' dès la sortie du carton.'])}`,
    (p) => p(['Rien à signaler.', 'Bien.', 'RAS', 'Correct dans l’ensemble.']),
  ],
  en: [
    (p) => `My parcel arrived ${p(EN_NUMBERS)} ${p(['days', 'weeks'])} late${p(['.', ' and tracking was never updated.', ', very frustrating.'])}`,
    (p) => `Delivery was ${p(['delayed three times', 'fast and well packed', 'late again', 'left at the wrong address'])}${p(['.', ', nobody told me why.', ', thank you.'])}`,
    (p) => `The courier ${p(['never showed up', 'was friendly', 'left the package outside in the rain', 'lost my parcel'])}.`,
    (p) => `Customer service ${p(['never answered my emails', 'was excellent', 'kept me on hold for 40 minutes', 'solved my issue quickly'])}.`,
    (p) => `The support agent was ${p(['rude', 'friendly and helpful', 'patient', 'clueless about the product'])}${p(['.', ', problem solved.', ', no solution offered.'])}`,
    (p) => `${p(['Prices went up again', 'The subscription is overpriced', 'Good value for money', 'Shipping costs are ridiculous'])}, ${p(['too expensive for what you get', 'fair compared to other shops', 'I cancelled my subscription', 'I found it cheaper elsewhere'])}.`,
    (p) => `I was charged ${p(['twice', 'for a subscription I never ordered', 'more than the advertised price'])} and still have no refund.`,
    (p) => `The app ${p(['crashes on launch', 'is slow and buggy', 'freezes on the payment screen', 'is smooth and easy to use'])}${p(['.', ' since the last update.', ' on my phone.'])}`,
    (p) => `Can't log in to the app, ${p(['it says my password is wrong', 'blank screen', 'error message'])} every time.`,
    (p) => `${p(['Poor quality product', 'Excellent quality', 'Cheap quality'])}, ${p(['it broke after two weeks', 'solid and well made', 'the fabric fell apart after one wash', 'exactly as described'])}.`,
    (p) => `${p(['Defective product', 'Product arrived broken', 'Sturdy and durable product'])}${p([', disappointing.', ', very happy with it.', ' straight out of the box.'])}`,
    (p) => p(['Nothing to report.', 'Fine.', 'OK overall.', 'No comment.']),
  ],
};

export function generateResponses(count: number, seed = 7): AnalysisInput[] {
  const random = createRandom(seed);
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
  const start = Date.UTC(2025, 0, 1);
  const responses: AnalysisInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const language = random() < 0.55 ? 'fr' : 'en';
    const template = pick(TEMPLATES[language]);
    let text = template(pick);
    // Anonymized responses keep placeholders where personal data was.
    if (random() < 0.08) text += language === 'fr' ? ' Merci à <PERSON_1>.' : ' Thanks to <PERSON_1>.';
    const input: AnalysisInput = { id: `b${String(i).padStart(6, '0')}`, text, submittedAt: new Date(start + Math.floor(random() * 365 * 86_400_000)) };
    if (random() < 0.5) input.language = language;
    responses.push(input);
  }
  return responses;
}
