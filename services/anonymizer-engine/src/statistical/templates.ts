/**
 * Sentence templates the statistical recognizer is trained on, filled with names, companies and places
 * from registry packages (training-corpus.ts). Written for the model, independently of the evaluation
 * fixtures: eval/fixtures/never-tuned must never be used to write or change them.
 *
 * Slots: {P} a person (full name, first name or surname), {F} a first name, {S} a surname, {PP} a list
 * of two or three first names, {O} a company, {B} a public body, {A} an acronym of a body, {L} a place
 * (city, region or country), {T} a small town, {X} a capitalised word that is not an entity.
 */
import type { Language } from '../types.js';

export const TEMPLATES: Record<Language, readonly string[]> = {
  en: [
    'I rang on Tuesday and {P} promised a callback that never came.',
    '{P} sorted it out in ten minutes, wish everyone was like that.',
    'Big shout out to {F} for staying late to help us.',
    'my husband {F} has been a member for ages and he is fed up too',
    'Ask for {F}, she knows the history of our account.',
    'Dear {P}, thank you for your letter of last week.',
    'Kind regards, {P}',
    'Many thanks\n{P}',
    '{PP} were brilliant with the kids.',
    'The people at the counter, {PP}, did their best.',
    'Our daughter {F} started using the {X} plan in spring.',
    'We bought the fridge from {O} because your site was down.',
    'After ten years with {O} we moved to you, big mistake.',
    'I am the office manager at {O} and we need a new contract.',
    'The invoice should be made out to {O}, not to me personally.',
    '{O} quoted us half of what you charge.',
    'Does {O} still handle your deliveries? Mine went missing.',
    'The supplier, {O}, sent the wrong model twice.',
    'Our landlord uses {O} for repairs and they never show up.',
    'My letter to {B} was copied to you last month.',
    'The {A} asked for proof that you still have not sent.',
    'I have raised this with {A} and {B} as well.',
    'The store in {L} had none left, so I drove to {L}.',
    'We moved from {L} to {T} last year and the service went downhill.',
    'Is there a collection point near {T}? The nearest one is miles away.',
    'Our holiday home is in {T}, the signal there is awful.',
    'Flights from {L} were cancelled and nobody told us.',
    'I lived in {L} for years and never had this problem.',
    'Your van was seen parked in {T} all afternoon.',
    'We are a small team based in {L}, about twenty people.',
    'I phoned from {L} and was charged international rates.',
    'The {X} update deleted all my photos.',
    'Since the {X} promotion ended the price doubled.',
    'Got the {X} bundle, works fine, no complaints.',
    'Nothing to report, everything arrived on time.',
    'The manual is in German only, which is not helpful.',
    'Please pass this on to {P} in accounts.',
    '{S} from the claims team was rude on the phone.',
    'Mr {S} said the engineer would come on Monday.',
    'Mrs {S} from next door took the parcel in.',
    'Spoke with Dr {S} who confirmed the appointment.',
    'honestly {P} is the only reason i stay',
    'cc {P}, {P}',
    'From: {P}\nTo: support\nSubject: refund',
    'Interviewer: what happened next?\nParticipant: {F} from the shop called me back.',
    'Moderator: thanks {F}. Anyone else?\n{F}: yes, the app is too slow.',
    'The partnership {S} & {S} handles our legal work.',
    'We used {O} in {L} for the wedding, perfect.',
    'My sister {F} and her partner {F} live in {T}.',
    'Welcome to {X}, your order is on its way.',
  ],
  fr: [
    'J\'ai appelé mardi et {P} m\'a promis un rappel qui n\'est jamais venu.',
    '{P} a tout réglé en dix minutes, si seulement tout le monde était comme ça.',
    'Un grand merci à {F} qui est restée tard pour nous aider.',
    'mon mari {F} est client depuis des années et il en a marre aussi',
    'Demandez {F}, elle connaît l\'historique du dossier.',
    'Cher {P}, merci pour votre courrier de la semaine dernière.',
    'Bien à vous, {P}',
    'Merci d\'avance\n{P}',
    '{PP} ont été formidables avec les enfants.',
    'Les personnes au guichet, {PP}, ont fait de leur mieux.',
    'Notre fille {F} utilise la formule {X} depuis le printemps.',
    'On a acheté le frigo chez {O} parce que votre site était en panne.',
    'Après dix ans chez {O} nous sommes passés chez vous, grosse erreur.',
    'Je suis gérante de {O} et nous avons besoin d\'un nouveau contrat.',
    'La facture doit être établie au nom de {O}, pas au mien.',
    '{O} nous a fait un devis deux fois moins cher.',
    'Est-ce que {O} s\'occupe encore de vos livraisons ? La mienne a disparu.',
    'Le fournisseur, {O}, a envoyé le mauvais modèle deux fois.',
    'Notre syndic passe par {O} pour les travaux et personne ne vient.',
    'Mon courrier à {B} vous a été transmis en copie le mois dernier.',
    'La {A} réclame un justificatif que vous n\'avez toujours pas envoyé.',
    'J\'ai saisi {A} et {B} également.',
    'J\'ai reçu une convocation de {B} pour le mois prochain.',
    'Le dossier a été transmis à {B} qui ne répond pas.',
    'Le magasin de {L} n\'en avait plus, j\'ai dû aller jusqu\'à {L}.',
    'Nous avons quitté {L} pour {T} l\'an dernier et le service s\'est dégradé.',
    'Y a-t-il un point relais près de {T} ? Le plus proche est à vingt kilomètres.',
    'Notre maison de vacances est à {T}, le réseau y est catastrophique.',
    'Les vols au départ de {L} ont été annulés sans prévenir.',
    'J\'ai vécu à {L} pendant des années sans jamais avoir ce problème.',
    'Votre camionnette est restée garée à {T} tout l\'après-midi.',
    'Nous sommes une petite équipe basée à {L}, une vingtaine de personnes.',
    'J\'ai appelé depuis {L} et on m\'a facturé au tarif international.',
    'La mise à jour {X} a effacé toutes mes photos.',
    'Depuis la fin de l\'offre {X} le prix a doublé.',
    'Pris le pack {X}, ça marche, rien à redire.',
    'Rien à signaler, tout est arrivé à l\'heure.',
    'La notice est uniquement en allemand, pas très pratique.',
    'Merci de transmettre à {P} au service comptable.',
    '{S} du service sinistres a été désagréable au téléphone.',
    'M. {S} m\'a dit que le technicien viendrait lundi.',
    'Mme {S}, la voisine, a réceptionné le colis.',
    'J\'ai eu le docteur {S} qui a confirmé le rendez-vous.',
    'franchement {P} est la seule raison pour laquelle je reste',
    'copie à {P}, {P}',
    'De : {P}\nÀ : support\nObjet : remboursement',
    'Animatrice : et ensuite ?\nParticipante : {F} du magasin m\'a rappelée.',
    'Modérateur : merci {F}. D\'autres avis ?\n{F} : oui, l\'appli est trop lente.',
    'Le cabinet {S} et {S} s\'occupe de nos affaires juridiques.',
    'Nous avons pris {O} à {L} pour le mariage, parfait.',
    'Ma sœur {F} et son compagnon {F} habitent à {T}.',
    'Bienvenue chez {X}, votre commande est en route.',
    'Le jugement rendu par {B} nous donne raison.',
    'Le maire de {T} nous a orientés vers vous.',
    'Le prestataire {O} n\'est jamais venu au rendez-vous.',
    'Le transporteur, {O}, a perdu le colis entre {T} et {L}.',
    'Notre bailleur est {O} et le chauffage est en panne depuis un mois.',
    'Mon frère est détenu à {B} et le courrier ne passe pas.',
    'Le courrier de {A} est arrivé après la date limite.',
    'J\'ai travaillé six ans chez {O} avant de monter ma boîte.',
  ],
};

/** Trades and sectors that name small firms with a surname or a place ("{S} {trade}", "{trade} {S}"). */
export const TRADES: Record<Language, readonly string[]> = {
  en: ['Plumbing', 'Electrical', 'Roofing', 'Builders', 'Joinery', 'Removals', 'Motors', 'Garage', 'Bakery', 'Dental', 'Dental Care', 'Opticians', 'Pharmacy', 'Veterinary', 'Vets', 'Clinic', 'Solicitors', 'Accountants', 'Insurance', 'Lettings', 'Estates', 'Property', 'Logistics', 'Transport', 'Haulage', 'Couriers', 'Catering', 'Cleaning', 'Landscaping', 'Gardens', 'Printing', 'Studio', 'Design', 'Media', 'Analytics', 'Software', 'Digital', 'Energy', 'Solar', 'Windows', 'Kitchens', 'Flooring', 'Travel', 'Coaches', 'Taxis', 'Brewery', 'Dairy', 'Farm Shop', 'Hardware', 'Tiles', 'Carpets', 'Recruitment', 'Consultancy', 'Security', 'Fitness', 'Nurseries', 'Care Homes', 'Healthcare', 'Pet Supplies'],
  fr: ['Plomberie', 'Électricité', 'Couverture', 'Maçonnerie', 'Menuiserie', 'Déménagements', 'Garage', 'Boulangerie', 'Pharmacie', 'Optique', 'Cabinet dentaire', 'Clinique vétérinaire', 'Transports', 'Logistique', 'Ambulances', 'Taxis', 'Traiteur', 'Nettoyage', 'Paysages', 'Jardins', 'Imprimerie', 'Assurances', 'Mutuelle', 'Immobilier', 'Agence immobilière', 'Carrosserie', 'Chauffage', 'Climatisation', 'Charpente', 'Peinture', 'Carrelage', 'Fenêtres', 'Cuisines', 'Voyages', 'Autocars', 'Brasserie', 'Fromagerie', 'Laiterie', 'Quincaillerie', 'Informatique', 'Conseil', 'Expertise comptable', 'Sécurité', 'Auto-école', 'Pompes funèbres', 'Fleurs', 'Coiffure', 'Librairie', 'Vins', 'Matériaux', 'Terrassement', 'Serrurerie'],
};

/** Ordinary nouns that also name firms ("{word} {trade}", "{word} Group"). */
export const FIRM_WORDS: Record<Language, readonly string[]> = {
  en: ['Oakwood', 'Bluebell', 'Heron', 'Falcon', 'Osprey', 'Willow', 'Meadow', 'Granite', 'Summit', 'Beacon', 'Harbour', 'Anchor', 'Lighthouse', 'Greenfield', 'Northgate', 'Ashford', 'Silverline', 'Redwood', 'Evergreen', 'Pinnacle', 'Crescent', 'Cobalt', 'Juniper', 'Larch', 'Orchard', 'Millstone', 'Kingfisher', 'Badger', 'Foxglove', 'Hawthorn'],
  fr: ['Les Tilleuls', 'Le Chêne', 'L\'Olivier', 'Horizon', 'Atlantique', 'Azur', 'Alpes', 'Armor', 'Océane', 'Val de Loire', 'Les Pins', 'Le Moulin', 'La Source', 'Étoile', 'Boréal', 'Confluence', 'Garonne', 'Rhône', 'Ardoise', 'Granit', 'Les Cèdres', 'Le Phare', 'Castel', 'Saint-Michel', 'Bellevue', 'Soleil', 'Méridien', 'Arc-en-ciel', 'Hermine', 'Mistral'],
};

/** Kinds of public body, courts and institutions, placed before a place name. */
export const BODIES: Record<Language, readonly string[]> = {
  en: ['{T} County Council', '{T} Borough Council', '{T} Crown Court', '{T} Magistrates Court', '{T} County Court', '{T} Job Centre', '{T} General Hospital', 'the Home Office', 'the Department for Work and Pensions', 'the Financial Ombudsman Service', 'the Citizens Advice Bureau', 'Trading Standards', 'the Environment Agency', 'the Land Registry', 'the Pensions Regulator', '{T} Police', 'the University of {T}', '{T} College'],
  fr: ['la mairie de {T}', 'la préfecture de {D}', 'la sous-préfecture de {T}', 'le tribunal judiciaire de {T}', 'le tribunal de commerce de {T}', 'le tribunal administratif de {T}', 'le conseil de prud\'hommes de {T}', 'la cour d\'appel de {T}', 'la Cour de cassation', 'le Conseil d\'État', 'le ministère de la Santé', 'le ministère de l\'Intérieur', 'le ministère du Travail', 'la CPAM de {D}', 'la CAF de {D}', 'le conseil départemental de {D}', 'le conseil régional de {R}', 'la gendarmerie de {T}', 'le commissariat de {T}', 'le centre des impôts de {T}', 'le rectorat de {T}', 'le centre hospitalier de {T}', 'l\'hôpital de {T}', 'la maison de retraite de {T}', 'le lycée de {T}', 'la communauté de communes de {T}', 'le service des impôts des entreprises de {T}', 'le défenseur des droits', 'la Banque de France', 'la maison d\'arrêt de {T}', 'le centre pénitentiaire de {T}', 'le centre de détention de {T}', 'la cour administrative d\'appel de {T}', 'le tribunal de proximité de {T}', 'le tribunal correctionnel de {T}', 'le ministère de la Justice', 'le ministère des Armées', 'la CPAM de {D}', 'l\'URSSAF de {R}', 'la mairie de {T}', 'le CHU de {T}', 'la caisse d\'allocations familiales de {D}', 'le service pénitentiaire d\'insertion et de probation de {D}'],
};

/** Acronyms of bodies customers write to (the model learns that an all-capitals word there is an organisation). */
export const ACRONYMS: Record<Language, readonly string[]> = {
  en: ['HMRC', 'DVLA', 'DWP', 'FCA', 'ICO', 'NHS', 'ACAS', 'HSE', 'CMA', 'Ofcom', 'Ofgem', 'Ofwat', 'BBC', 'FOS', 'TfL', 'DVSA', 'UKVI', 'CAB'],
  fr: ['CNIL', 'DGFiP', 'DGCCRF', 'URSSAF', 'CPAM', 'CAF', 'MSA', 'CNAV', 'ANTS', 'ARS', 'INSEE', 'OFII', 'ADEME', 'ANAH', 'DDPP', 'DREETS', 'CARSAT', 'AGIRC-ARRCO', 'APEC', 'ONISEP', 'CROUS', 'SNCF', 'RATP', 'ACPR', 'AMF', 'ARCOM', 'ARCEP', 'CRAM', 'MDPH', 'CCAS'],
};

/** Capitalised words that are not entities (products, offers, features, software). */
export const NON_ENTITIES: Record<Language, readonly string[]> = {
  en: ['Premium', 'Family', 'Gold', 'Express', 'Black Friday', 'Smart', 'Pro', 'Ultra', 'Cloud', 'Android', 'Bluetooth', 'Wi-Fi', 'Christmas', 'Easter', 'Summer Sale', 'Basic', 'Plus', 'Max', 'Essentials', 'Unlimited'],
  fr: ['Premium', 'Famille', 'Sérénité', 'Essentiel', 'Black Friday', 'Fibre', 'Pro', 'Confort', 'Android', 'Bluetooth', 'Wi-Fi', 'Noël', 'Soldes', 'Liberté', 'Intégrale', 'Découverte', 'Max', 'Jeunes', 'Eco', 'Illimité'],
};
