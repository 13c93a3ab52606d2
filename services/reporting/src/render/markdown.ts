import type { ReportContent } from '../core/types.js';
import { escapeMarkdown } from './escape.js';
import { languageName, percent, sentimentLine, signed } from './format.js';

/** The report as Markdown: summary, notes, themes with quotes, sentiment, trends and top terms. */
export function renderMarkdown(title: string, content: ReportContent): string {
  const lines: string[] = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(content.summary), ''];
  for (const note of content.notes ?? []) lines.push(`> **Note:** ${escapeMarkdown(note)}`, '');

  lines.push('## Overview', '', '| | |', '|---|---|', `| Responses | ${content.responseCount} |`);
  const languages = Object.entries(content.languages).map(([code, count]) => `${languageName(code)} ${count}`).join(', ');
  if (languages) lines.push(`| Languages | ${escapeMarkdown(languages)} |`);
  lines.push(`| Sentiment | ${sentimentLine(content.sentiment)} |`, '');

  lines.push('## Themes', '');
  if (content.themes.length === 0) lines.push('No themes.', '');
  else {
    lines.push('| Theme | Responses | Share | Sentiment |', '|---|---:|---:|---:|');
    for (const theme of content.themes) lines.push(`| ${escapeMarkdown(theme.label)} | ${theme.count} | ${percent(theme.share)} | ${signed(theme.sentiment.score)} |`);
    lines.push('');
    for (const theme of content.themes) {
      lines.push(`### ${escapeMarkdown(theme.label)}`, '');
      lines.push(`${theme.count} responses (${percent(theme.share)}). Sentiment ${sentimentLine(theme.sentiment)}.`, '');
      if (theme.terms.length > 0) lines.push(`Terms: ${theme.terms.map(escapeMarkdown).join(', ')}`, '');
      for (const quote of theme.quotes) lines.push(`> “${escapeMarkdown(quote.text)}”`, '');
    }
  }

  if (content.trends.length > 0) {
    lines.push('## Trends', '', '| Period | Responses | Sentiment |', '|---|---:|---:|');
    for (const t of content.trends) lines.push(`| ${escapeMarkdown(t.period)} | ${t.count} | ${t.count === 0 ? '–' : signed(t.sentiment)} |`);
    lines.push('');
  }
  if (content.topTerms.length > 0) {
    lines.push('## Top terms', '', content.topTerms.map((t) => `${escapeMarkdown(t.term)} (${t.count})`).join(', '), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
