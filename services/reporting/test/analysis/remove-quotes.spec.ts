import { describe, expect, test } from '@jest/globals';
import { analyzeResponses, removeQuotesOf } from '../../src/analysis/index.js';
import { FIXTURE, asInputs } from '../fixtures/verbatims.js';

const report = analyzeResponses(asInputs(FIXTURE));

describe('removeQuotesOf, for erased respondents', () => {
  test('drops their quotes and response ids, and says what changed', () => {
    const quoted = report.themes[0]!.quotes[0]!.responseId;
    const { report: after, changes } = removeQuotesOf(report, [quoted]);

    expect(changes.changed).toBe(true);
    expect(changes.removedQuotes).toEqual([{ themeId: report.themes[0]!.id, responseId: quoted }]);
    expect(changes.themesPruned).toEqual([report.themes[0]!.id]);
    expect(JSON.stringify(after)).not.toContain(`"${quoted}"`);
    expect(after.themes[0]!.quotes).toHaveLength(report.themes[0]!.quotes.length - 1);
    expect(after.themes[0]!.count).toBe(report.themes[0]!.count);
    expect(after.notes?.[0]).toMatch(/erased respondents/);
  });

  test('reports themes left with no quote, for regeneration', () => {
    const theme = report.themes[1]!;
    const { changes } = removeQuotesOf(report, theme.quotes.map((q) => q.responseId));
    expect(changes.themesWithoutQuotes).toEqual([theme.id]);
  });

  test('leaves the report untouched when it does not draw on those responses', () => {
    const { report: after, changes } = removeQuotesOf(report, ['nobody']);
    expect(changes.changed).toBe(false);
    expect(after).toBe(report);
  });

  test('does not modify the report it is given', () => {
    const before = JSON.stringify(report);
    removeQuotesOf(report, report.themes.flatMap((t) => t.responseIds));
    expect(JSON.stringify(report)).toBe(before);
  });
});
