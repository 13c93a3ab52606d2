import type { ReportContent } from '../core/types.js';
import { sentimentChart, themeSharesChart, trendChart } from './charts.js';
import { escapeHtml } from './escape.js';
import { languageName, percent, sentimentLine, signed } from './format.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.25rem}h2{margin-top:2rem;border-bottom:1px solid #e3e5e8;padding-bottom:.25rem}
.note{background:#fff8e1;border-left:4px solid #f0b429;padding:.5rem 1rem;margin:1rem 0}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.3rem .8rem;border-bottom:1px solid #e3e5e8;text-align:left}
td.num,th.num{text-align:right}blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:3px solid #3b6ea8;color:#333;background:#f6f8fa}
.terms{color:#555}.chart{margin:1rem 0}
@media print{body{margin:0}}`;

/**
 * The report as one self-contained HTML page: inline CSS and SVG charts, no script, no external
 * asset; a Content-Security-Policy forbids loading anything should a later edit try to.
 */
export function renderHtml(title: string, content: ReportContent): string {
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<h1>${e(title)}</h1>`, `<p>${e(content.summary)}</p>`);
  for (const note of content.notes ?? []) parts.push(`<p class="note"><strong>Note:</strong> ${e(note)}</p>`);

  const languages = Object.entries(content.languages).map(([code, count]) => `${languageName(code)} ${count}`).join(', ');
  parts.push(
    '<h2>Overview</h2><table>',
    `<tr><th>Responses</th><td>${content.responseCount}</td></tr>`,
    languages ? `<tr><th>Languages</th><td>${e(languages)}</td></tr>` : '',
    `<tr><th>Sentiment</th><td>${e(sentimentLine(content.sentiment))}</td></tr>`,
    '</table>',
  );

  parts.push('<h2>Themes</h2>');
  if (content.themes.length === 0) parts.push('<p>No themes.</p>');
  else {
    parts.push(`<figure class="chart">${themeSharesChart(content)}<figcaption>Share of responses per theme</figcaption></figure>`);
    parts.push(`<figure class="chart">${sentimentChart(content)}<figcaption>Sentiment overall and per theme (mean score at the right)</figcaption></figure>`);
    parts.push('<table><thead><tr><th>Theme</th><th class="num">Responses</th><th class="num">Share</th><th class="num">Sentiment</th></tr></thead><tbody>');
    for (const t of content.themes) {
      parts.push(`<tr><td><a href="#${e(t.id)}">${e(t.label)}</a></td><td class="num">${t.count}</td><td class="num">${percent(t.share)}</td><td class="num">${signed(t.sentiment.score)}</td></tr>`);
    }
    parts.push('</tbody></table>');
    for (const t of content.themes) {
      parts.push(`<section id="${e(t.id)}"><h3>${e(t.label)}</h3>`);
      parts.push(`<p>${t.count} responses (${percent(t.share)}). Sentiment ${e(sentimentLine(t.sentiment))}.</p>`);
      if (t.terms.length > 0) parts.push(`<p class="terms">Terms: ${t.terms.map(e).join(', ')}</p>`);
      for (const q of t.quotes) parts.push(`<blockquote>“${e(q.text)}”</blockquote>`);
      parts.push('</section>');
    }
  }

  if (content.trends.length > 0) {
    parts.push('<h2>Trends</h2>');
    const chart = trendChart(content);
    if (chart) parts.push(`<figure class="chart">${chart}<figcaption>Responses per period (grey bars, right scale) and mean sentiment (blue line, left scale from −1 to +1)</figcaption></figure>`);
    parts.push('<table><thead><tr><th>Period</th><th class="num">Responses</th><th class="num">Sentiment</th></tr></thead><tbody>');
    for (const t of content.trends) parts.push(`<tr><td>${e(t.period)}</td><td class="num">${t.count}</td><td class="num">${t.count === 0 ? '–' : signed(t.sentiment)}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (content.topTerms.length > 0) {
    parts.push('<h2>Top terms</h2>', `<p class="terms">${content.topTerms.map((t) => `${e(t.term)} (${t.count})`).join(', ')}</p>`);
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...parts.filter((p) => p !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
