import { PhraseSet } from '../text.js';

/** Words around a name, looked up in folded text (lower case, no accents) unless said otherwise. */

// Cues that make the next capitalised words a name whatever the dictionaries say (folded text).
export const STRONG_CUE = new PhraseSet([
  "je m'appelle", 'je me nomme', 'je me presente', 'mon nom est', "mon nom c'est", 'mon prenom est', "mon prenom c'est", "moi c'est", "c'est",
  'my name is', "my name's", 'name is', 'i am', "i'm", 'this is', 'signe', 'signe par', 'signed', 'signed by', 'nomme', 'nommee', 'appele', 'appelee',
  'named', 'called', 'call me', 'ask for', 'asked for', 'demandez', 'demander', 'de la part de', 'on behalf of', "a l'attention de", 'attn',
  'conseiller', 'conseillere', 'vendeur', 'vendeuse', 'technicien', 'technicienne', 'livreur', 'livreuse', 'agent', 'advisor', 'adviser', 'rep',
  'representative', 'technician', 'driver', 'courier', 'manager', 'colleague', 'collegue', 'responsable', 'directeur', 'directrice', 'gerant', 'gerante',
  'infirmier', 'infirmiere', 'nurse', 'docteur', 'doctor', 'chef', 'coach', 'caissier', 'caissiere', 'cashier', 'hotesse', 'serveur', 'serveuse', 'waiter',
  'waitress', 'employe', 'employee', 'salarie', 'salariee', 'assistant', 'assistante', 'consultant', 'consultante', 'receptionist', 'stylist', 'engineer',
  'ingenieur', 'pharmacien', 'pharmacienne', 'pharmacist', 'dentist', 'dentiste', 'owner', 'boss', 'patron', 'patronne', 'supervisor', 'superviseur',
  'teacher', 'instituteur', 'institutrice', 'neighbour', 'neighbor', 'voisin', 'voisine', 'cousin', 'cousine', 'oncle', 'tante', 'uncle', 'aunt', 'partner',
  'compagnon', 'compagne', 'boyfriend', 'girlfriend', 'copain', 'copine', 'mari', 'femme', 'epouse', 'epoux', 'fils', 'fille', 'husband', 'wife', 'son',
  'daughter', 'friend', 'ami', 'amie', 'mother', 'father', 'mere', 'pere', 'soeur', 'frere', 'sister', 'brother', 'cordialement', 'bien cordialement',
  'bien a vous', 'salutations', 'regards', 'kind regards', 'best regards', 'sincerely', 'cheers', 'best wishes', 'bisous',
]);
// Cues that make a capitalised word that is in the dictionaries, or unknown to them, a name.
export const WEAK_CUE = new PhraseSet([
  'merci a', 'merci', 'thanks to', 'thank you', 'thanks', 'thx', 'bravo a', 'bravo', 'felicitations a', 'avec', 'with', 'spoke to', 'spoke with', 'talked to',
  'talked with', 'parle a', 'parle avec', 'eu', 'had', 'par', 'by', 'pour', 'for', 'contacted', 'contacte', 'dear', 'cher', 'chere',
  'bonjour', 'hello', 'hi', 'salut', 'et', 'and', 'ou', 'or',
]);
// Street names are not people ("rue Victor Hugo", "Marina Fort Street").
export const STREET_BEFORE = new PhraseSet(
  'rue avenue av boulevard bd place impasse allee quai chemin route cours square passage residence cite lycee college ecole hopital clinique stade gare pont parc fondation institut centre station musee'.split(' '),
);
export const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'inc', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'corp', 'limited', 'corporation', 'group', 'groupe', 'holding']);
export const STREET_PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', "l'", "d'"]);
export const STREET_AFTER = /^\s(?:street|st|avenue|ave|road|rd|lane|ln|drive|boulevard|blvd|square|squares|way|close|court|place|terrace|crescent|gardens|grove|park|hall|house|school|college|university|hospital|station|bridge|center|centre|club|hotel|airport|stadium|institute|foundation|inc|ltd|llc|corp|group|bank)\b/;

// What follows a name that speaks or acts at the start of a sentence.
// Matched on the lower-cased original text: folding would turn the preposition "à" into the verb "a".
export const SPEAKER_AFTER = /^(?::\s|\s(?:is|was|has|had|said|says|told|called|spent|will|would|can|could|did|does|est|était|a|avait|m['’]a|n['’]a|dit|sera|va)\s)/;
export const LIST_SEPARATOR = /^(?:, | and | et | & |, and |, et | ou | or )$/;
// Words that open a place name, never a person's ("Port Kerhuon", "Mount Kenya", "Lake Bled").
export const PLACE_HEADS = new Set(['port', 'cite', 'mount', 'fort', 'lake']);
