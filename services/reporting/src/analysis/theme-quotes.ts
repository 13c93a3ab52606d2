import { excerpt } from '../core/quotes.js';
import type { Quote } from '../core/types.js';
import type { Cluster } from './cluster.js';
import { polarityOf } from './sentiment.js';
import type { Vectorised } from './vectorise.js';

/** Closest to the theme's centre, of a readable length, and not saying the same thing twice. */
export function pickQuotes(cluster: Cluster, vectorised: Vectorised, similarity: Float64Array, howMany: number): Quote[] {
  // Quotes should say what most of the theme says: the prevailing polarity ranks first.
  const polarities = cluster.members.map((i) => polarityOf(vectorised.members[i]!.score ?? 0));
  const tally = new Map<string, number>();
  for (const p of polarities) tally.set(p, (tally.get(p) ?? 0) + 1);
  const prevailing = [...tally.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
  const ranked = cluster.members
    .map((i, position) => {
      const words = vectorised.members[i]!.words.length;
      const lengthFactor = words < 5 ? 0.6 : words > 80 ? 0.8 : 1;
      const polarityFactor = polarities[position] === prevailing ? 1 : 0.8;
      return { i, rank: similarity[i]! * lengthFactor * polarityFactor };
    })
    .sort((a, b) => b.rank - a.rank || a.i - b.i);
  // A theme split between praise and complaint (a third or more on the other side) keeps its
  // last quote for the other side, so the quotes do not tell only half of it.
  const other = prevailing === 'positive' ? 'negative' : prevailing === 'negative' ? 'positive' : undefined;
  const otherCount = other === undefined ? 0 : (tally.get(other) ?? 0);
  const reserveForOther = howMany >= 2 && other !== undefined && otherCount >= cluster.members.length / 3;
  const quotes: Quote[] = [];
  const chosen: Array<Set<number>> = [];
  const take = (i: number): boolean => {
    const terms = new Set(vectorised.vectors[i]!.indices);
    const duplicate = chosen.some((picked) => {
      let shared = 0;
      for (const t of terms) if (picked.has(t)) shared += 1;
      return shared / (terms.size + picked.size - shared) > 0.7;
    });
    if (duplicate) return false;
    chosen.push(terms);
    const profile = vectorised.members[i]!;
    quotes.push({ responseId: profile.id, text: excerpt(profile.text) });
    return true;
  };
  const polarityOfMember = (i: number): string => polarityOf(vectorised.members[i]!.score ?? 0);
  const mainSlots = reserveForOther ? howMany - 1 : howMany;
  for (const { i } of ranked) {
    if (quotes.length >= mainSlots) break;
    if (reserveForOther && polarityOfMember(i) === other) continue;
    take(i);
  }
  if (reserveForOther) {
    for (const { i } of ranked) if (polarityOfMember(i) === other && take(i)) break;
  }
  return quotes;
}
