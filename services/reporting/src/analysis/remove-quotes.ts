import type { ReportContent } from '../core/types.js';

export interface QuoteRemoval {
  /** true when the report quoted or listed any of the given responses */
  changed: boolean;
  removedQuotes: Array<{ themeId: string; responseId: string }>;
  /** themes whose `responseIds` lost entries; their counts and shares stay as aggregates */
  themesPruned: string[];
  /** themes left with no quote, which a regeneration would fill again */
  themesWithoutQuotes: string[];
}

/**
 * For an erased respondent: returns a copy of the report without their quotes and without their
 * response ids, and what changed. Counts, shares and sentiment are aggregates and stay as they were
 * at generation time (a note says so); regenerate the report to recompute them.
 */
export function removeQuotesOf(report: ReportContent, responseIds: Iterable<string>): { report: ReportContent; changes: QuoteRemoval } {
  const erased = new Set(responseIds);
  const changes: QuoteRemoval = { changed: false, removedQuotes: [], themesPruned: [], themesWithoutQuotes: [] };
  const themes = report.themes.map((theme) => {
    const quotes = theme.quotes.filter((quote) => {
      if (!erased.has(quote.responseId)) return true;
      changes.removedQuotes.push({ themeId: theme.id, responseId: quote.responseId });
      return false;
    });
    const ids = theme.responseIds.filter((id) => !erased.has(id));
    if (ids.length !== theme.responseIds.length) changes.themesPruned.push(theme.id);
    if (quotes.length === 0 && theme.quotes.length > 0) changes.themesWithoutQuotes.push(theme.id);
    return { ...theme, quotes, responseIds: ids };
  });
  changes.changed = changes.removedQuotes.length > 0 || changes.themesPruned.length > 0;
  if (!changes.changed) return { report, changes };
  const note = 'Responses of erased respondents were removed from this report after it was generated; figures are those at generation time.';
  const notes = report.notes?.includes(note) ? report.notes : [...(report.notes ?? []), note];
  return { report: { ...report, themes, notes }, changes };
}
