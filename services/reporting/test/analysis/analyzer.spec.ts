import { describe, expect, test } from '@jest/globals';
import { analyzeResponses, type AnalysisInput, type ReportContent, type Theme } from '../../src/analysis/index.js';
import { FIXTURE, FIXTURE_LANGUAGES, asInputs, type ExpectedTheme } from '../fixtures/verbatims.js';

const report = analyzeResponses(asInputs(FIXTURE));
const expectedOf = new Map(FIXTURE.map((f) => [f.id, f.expectedTheme]));

/** The expected theme most of a found theme's responses belong to, and how many do. */
function majority(theme: Theme): { expected: ExpectedTheme; purity: number } {
  const counts = new Map<ExpectedTheme, number>();
  for (const id of theme.responseIds) counts.set(expectedOf.get(id)!, (counts.get(expectedOf.get(id)!) ?? 0) + 1);
  const [expected, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return { expected, purity: count / theme.count };
}

function themeFor(expected: ExpectedTheme): Theme {
  const theme = report.themes.find((t) => majority(t).expected === expected);
  if (!theme) throw new Error(`no theme for ${expected}`);
  return theme;
}

describe('the embedded analyzer on the French and English fixture', () => {
  test('finds the five themes a reader would, each gathering mostly one of them', () => {
    expect(report.themes).toHaveLength(5);
    const found = report.themes.map((t) => majority(t));
    expect(new Set(found.map((f) => f.expected))).toEqual(new Set(['delivery', 'support', 'pricing', 'app', 'quality']));
    for (const { purity } of found) expect(purity).toBeGreaterThanOrEqual(0.85);
    const themed = report.themes.reduce((sum, t) => sum + t.count, 0);
    expect(themed / report.responseCount).toBeGreaterThanOrEqual(0.9);
  });

  test.each([
    ['delivery', /delivery|livraison|parcel|colis/],
    ['support', /support|customer|service|conseiller/],
    ['pricing', /price|prix|expensive|cher/],
    ['app', /app|appli|crash|bug/],
    ['quality', /quality|qualité|product|produit/],
  ] as const)('labels the %s theme by its distinctive terms', (expected, pattern) => {
    const theme = themeFor(expected);
    expect(theme.label.toLowerCase()).toMatch(pattern);
    expect(theme.terms.length).toBeGreaterThanOrEqual(3);
  });

  test('gathers French and English responses into the same themes', () => {
    for (const theme of report.themes) {
      const languages = new Set(theme.responseIds.map((id) => FIXTURE_LANGUAGES[id]));
      expect(languages).toEqual(new Set(['fr', 'en']));
    }
  });

  test('counts and shares add up', () => {
    expect(report.responseCount).toBe(FIXTURE.length);
    expect(report.languages).toEqual({ fr: 51, en: 50 });
    for (const theme of report.themes) {
      expect(theme.count).toBe(theme.responseIds.length);
      expect(theme.share).toBeCloseTo(theme.count / report.responseCount, 3);
      const s = theme.sentiment;
      expect(s.positive + s.neutral + s.negative).toBe(theme.count);
    }
    const s = report.sentiment;
    expect(s.positive + s.neutral + s.negative).toBe(report.responseCount);
    const ids = report.themes.flatMap((t) => t.responseIds);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('scores the themes as their responses read: app bugs and delivery negative', () => {
    expect(themeFor('app').sentiment.score).toBeLessThan(-0.2);
    expect(themeFor('delivery').sentiment.score).toBeLessThan(-0.1);
    expect(themeFor('app').sentiment.negative).toBeGreaterThan(themeFor('app').sentiment.positive * 3);
    expect(report.sentiment.score).toBeLessThan(0);
  });

  test('quotes are verbatim responses of their own theme, up to three, no two the same', () => {
    const textOf = new Map(FIXTURE.map((f) => [f.id, f.text]));
    for (const theme of report.themes) {
      expect(theme.quotes.length).toBeGreaterThanOrEqual(1);
      expect(theme.quotes.length).toBeLessThanOrEqual(3);
      expect(new Set(theme.quotes.map((q) => q.responseId)).size).toBe(theme.quotes.length);
      for (const quote of theme.quotes) {
        expect(theme.responseIds).toContain(quote.responseId);
        expect(quote.text).toBe(textOf.get(quote.responseId));
        expect(expectedOf.get(quote.responseId)).toBe(majority(theme).expected);
      }
    }
  });

  test('gives weekly trends over the twelve weeks, with every dated response counted', () => {
    expect(report.trends).toHaveLength(12);
    expect(report.trends[0]!.period).toBe('2025-W02');
    expect(report.trends.reduce((sum, t) => sum + t.count, 0)).toBe(FIXTURE.length);
    for (const t of report.trends) expect(t.sentiment).toBeGreaterThanOrEqual(-1);
  });

  test('lists top terms across both languages', () => {
    const terms = report.topTerms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['app/appli', 'delivery/livraison', 'price/prix']));
    expect(report.topTerms[0]!.count).toBeGreaterThanOrEqual(report.topTerms.at(-1)!.count);
  });

  test('says in its summary how many responses, which sentiment and which themes', () => {
    expect(report.summary).toMatch(/^101 responses \(51 in French, 50 in English\)\./);
    expect(report.summary).toMatch(/5 themes:/);
  });

  test('is deterministic: the same responses, in any order, give the same report', () => {
    const again = analyzeResponses(asInputs(FIXTURE));
    const shuffled = analyzeResponses(asInputs([...FIXTURE].reverse().sort((a, b) => (a.text.length % 7) - (b.text.length % 7))));
    expect(again).toEqual(report);
    expect(shuffled).toEqual(report);
  });
});

describe('the embedded analyzer on bad or thin input', () => {
  test('an empty dataset gives an empty report that says so', () => {
    const empty = analyzeResponses([]);
    expect(empty).toMatchObject({ responseCount: 0, themes: [], trends: [], topTerms: [], languages: {} });
    expect(empty.sentiment).toEqual({ score: 0, positive: 0, neutral: 0, negative: 0 });
    expect(empty.summary).toMatch(/empty/);
  });

  test('one response is counted and scored, with no themes', () => {
    const one = analyzeResponses([{ id: 'a', text: 'Livraison en retard, très déçu.', submittedAt: new Date('2025-03-01T10:00:00Z') }]);
    expect(one.responseCount).toBe(1);
    expect(one.languages).toEqual({ fr: 1 });
    expect(one.sentiment.negative).toBe(1);
    expect(one.themes).toEqual([]);
    expect(one.trends).toEqual([{ period: '2025-03-01', count: 1, sentiment: expect.any(Number) }]);
    expect(one.summary).toMatch(/Too few responses to form themes/);
  });

  test('responses in an unexpected language are counted but left out of themes and sentiment', () => {
    const spanish: AnalysisInput[] = [
      { id: 's1', text: 'El envío llegó muy tarde y el paquete estaba roto.' },
      { id: 's2', text: 'La aplicación no funciona, es muy lenta y se cierra sola.' },
    ];
    const mixed = analyzeResponses([...asInputs(FIXTURE), ...spanish]);
    expect(mixed.responseCount).toBe(FIXTURE.length + 2);
    expect(mixed.languages.es).toBe(2);
    expect(mixed.sentiment.positive + mixed.sentiment.neutral + mixed.sentiment.negative).toBe(FIXTURE.length);
    expect(mixed.themes.flatMap((t) => t.responseIds)).not.toContain('s1');
    expect(mixed.summary).toMatch(/2 responses not in French or English were counted but not analysed/);
  });

  test('empty, emoji-only or placeholder-only texts do not break the analysis', () => {
    const odd = analyzeResponses([
      { id: 'x1', text: '' },
      { id: 'x2', text: '👍👍' },
      { id: 'x3', text: '<PERSON_1> <EMAIL>' },
      { id: 'x4', text: '   ' },
    ]);
    expect(odd.responseCount).toBe(4);
    expect(odd.languages).toEqual({ und: 4 });
    expect(odd.themes).toEqual([]);
  });

  test('identical responses make one theme rather than a crash', () => {
    const same = Array.from({ length: 8 }, (_, i) => ({ id: `d${i}`, text: 'Delivery was late again.' }));
    const result = analyzeResponses(same);
    expect(result.themes.reduce((sum, t) => sum + t.count, 0)).toBeLessThanOrEqual(8);
    expect(result.sentiment.negative).toBe(8);
  });

  test.each([
    ['not an array', 'nope' as unknown as AnalysisInput[]],
    ['a response without id', [{ text: 'hello' }] as unknown as AnalysisInput[]],
    ['a duplicate id', [{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }]],
  ])('rejects %s with INVALID_ANALYSIS_INPUT', (_case, input) => {
    expect(() => analyzeResponses(input)).toThrow(expect.objectContaining({ code: 'INVALID_ANALYSIS_INPUT' }));
  });

  test('ignores invalid dates instead of failing', () => {
    const result: ReportContent = analyzeResponses([{ id: 'a', text: 'Great app', submittedAt: new Date('not a date') }]);
    expect(result.trends).toEqual([]);
  });
});
