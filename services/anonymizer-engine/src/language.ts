import type { Language } from './types.js';

// Frequent function words that are distinctive of each language (none shared by both).
const FR = new Set(('le la les un une des du de et est sont pas ne je tu il elle nous vous ils elles mon ma mes ton ta à été très déjà où ça ' +
  'était avait avons avez être moi toi sa son ses cet cette aucun aucune jusqu lorsqu puisqu parce depuis après avant ' +
  'votre vos notre nos ce cette ces qui que quoi dans sur avec pour par au aux tres mais ou donc car ai avons avez ' +
  'etait ete fait bien merci bonjour tout tous toute plus moins aussi encore deja jamais rien chez sans sous entre ' +
  'leur leurs ici sont suis etes commande livraison service client produit appel rappel lui y en on quand comme').split(' '));
const EN = new Set(('the an and is are was were not no i you he she we they my your our their this that these those ' +
  'who what which in on with for by at to of but or so very have has had been be do does did just all more less also ' +
  'again already never nothing without under between here am it its from when how thanks thank hello order delivery ' +
  'customer product call would could should will can there them me him her').split(' '));

const WORD = /[\p{L}'’]{1,40}/gu;
const FRENCH_MARKS = /[éèêàùçœâîôû]/g;

/**
 * French or English from function words (a quick vote, linear in the first 2,000 characters);
 * French accents break ties; English when nothing decides.
 */
export function detectLanguage(text: string): Language {
  const sample = (typeof text === 'string' ? text : '').slice(0, 2000).toLowerCase().replace(/’/g, "'");
  let fr = 0;
  let en = 0;
  for (const m of sample.matchAll(WORD)) {
    const w = m[0];
    const parts = w.includes("'") ? w.split("'") : [w];
    for (const p of parts) {
      if (FR.has(p)) fr++;
      if (EN.has(p)) en++;
    }
    if (/^(?:l|d|j|qu|c|n|m|s|t)'./.test(w)) fr++;
  }
  fr += (sample.match(FRENCH_MARKS)?.length ?? 0) * 0.5;
  if (fr === en) return 'en';
  return fr > en ? 'fr' : 'en';
}
