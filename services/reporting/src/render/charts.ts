import type { ReportContent } from '../core/types.js';
import { escapeHtml } from './escape.js';

// Inline SVG only: the page must render with no network and no script.
const COLOURS = { bar: '#3b6ea8', positive: '#2e8b57', neutral: '#a0a4aa', negative: '#c0392b', line: '#3b6ea8', grid: '#e3e5e8', text: '#222' };
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Horizontal bars: share of responses per theme. */
export function themeSharesChart(content: ReportContent): string {
  const themes = content.themes;
  if (themes.length === 0) return '';
  const labelWidth = 260;
  const barMax = 360;
  const row = 26;
  const height = themes.length * row + 10;
  const max = Math.max(...themes.map((t) => t.share), 0.01);
  const rows = themes
    .map((theme, i) => {
      const y = 5 + i * row;
      const width = Math.max(1, Math.round((theme.share / max) * barMax));
      const pct = `${Math.round(theme.share * 100)}%`;
      return [
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" fill="${COLOURS.text}">${escapeHtml(truncate(theme.label, 40))}</text>`,
        `<rect x="${labelWidth}" y="${y + 2}" width="${width}" height="${row - 8}" fill="${COLOURS.bar}" rx="2"><title>${escapeHtml(theme.label)}: ${theme.count} responses (${pct})</title></rect>`,
        `<text x="${labelWidth + width + 6}" y="${y + 15}" fill="${COLOURS.text}">${pct} (${theme.count})</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Share of responses per theme" viewBox="0 0 ${labelWidth + barMax + 90} ${height}" width="100%" ${FONT}>\n${rows}\n</svg>`;
}

/** Stacked 100% bars: positive, neutral and negative responses, overall then per theme. */
export function sentimentChart(content: ReportContent): string {
  const rowsData = [{ label: 'All responses', s: content.sentiment }, ...content.themes.map((t) => ({ label: t.label, s: t.sentiment }))].filter(
    (r) => r.s.positive + r.s.neutral + r.s.negative > 0,
  );
  if (rowsData.length === 0) return '';
  const labelWidth = 260;
  const barWidth = 400;
  const row = 26;
  const height = rowsData.length * row + 34;
  const rows = rowsData
    .map(({ label, s }, i) => {
      const y = 5 + i * row;
      const total = s.positive + s.neutral + s.negative;
      let x = labelWidth;
      const segments = (['positive', 'neutral', 'negative'] as const)
        .map((kind) => {
          const width = (s[kind] / total) * barWidth;
          const rect = width > 0 ? `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${width.toFixed(1)}" height="${row - 8}" fill="${COLOURS[kind]}"><title>${escapeHtml(label)}: ${s[kind]} ${kind}</title></rect>` : '';
          x += width;
          return rect;
        })
        .join('');
      return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" fill="${COLOURS.text}">${escapeHtml(truncate(label, 40))}</text>${segments}<text x="${labelWidth + barWidth + 6}" y="${y + 15}" fill="${COLOURS.text}">${s.score.toFixed(2)}</text>`;
    })
    .join('\n');
  const legendY = rowsData.length * row + 20;
  const legend = (['positive', 'neutral', 'negative'] as const)
    .map((kind, i) => `<rect x="${labelWidth + i * 110}" y="${legendY - 10}" width="12" height="12" fill="${COLOURS[kind]}"/><text x="${labelWidth + i * 110 + 18}" y="${legendY}" fill="${COLOURS.text}">${kind}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Sentiment overall and per theme" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" ${FONT}>\n${rows}\n${legend}\n</svg>`;
}

/** Responses per period as bars, mean sentiment as a line on a -1…1 axis. */
export function trendChart(content: ReportContent): string {
  const trends = content.trends;
  if (trends.length < 2) return '';
  const width = 720;
  const height = 220;
  const left = 40;
  const bottom = 40;
  const plotW = width - left - 40;
  const plotH = height - bottom - 20;
  const maxCount = Math.max(...trends.map((t) => t.count), 1);
  const step = plotW / trends.length;
  const bars = trends
    .map((t, i) => {
      const h = (t.count / maxCount) * plotH;
      return `<rect x="${(left + i * step + step * 0.15).toFixed(1)}" y="${(20 + plotH - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS.grid}" stroke="${COLOURS.neutral}"><title>${escapeHtml(t.period)}: ${t.count} responses, sentiment ${t.sentiment.toFixed(2)}</title></rect>`;
    })
    .join('');
  const yOf = (sentiment: number): number => 20 + ((1 - sentiment) / 2) * plotH;
  const points = trends
    .filter((t) => t.count > 0)
    .map((t) => `${(left + trends.indexOf(t) * step + step / 2).toFixed(1)},${yOf(t.sentiment).toFixed(1)}`)
    .join(' ');
  const labelEvery = Math.ceil(trends.length / 8);
  const labels = trends
    .map((t, i) => (i % labelEvery === 0 ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" fill="${COLOURS.text}">${escapeHtml(t.period)}</text>` : ''))
    .join('');
  const axis = [
    `<line x1="${left}" y1="${yOf(0)}" x2="${left + plotW}" y2="${yOf(0)}" stroke="${COLOURS.neutral}" stroke-dasharray="4 3"/>`,
    `<text x="${left - 6}" y="${yOf(1) + 4}" text-anchor="end" fill="${COLOURS.text}">+1</text>`,
    `<text x="${left - 6}" y="${yOf(0) + 4}" text-anchor="end" fill="${COLOURS.text}">0</text>`,
    `<text x="${left - 6}" y="${yOf(-1) + 4}" text-anchor="end" fill="${COLOURS.text}">−1</text>`,
    // Right axis: the bars' scale, in responses.
    `<text x="${left + plotW + 6}" y="${yOf(1) + 4}" fill="${COLOURS.neutral}">${maxCount}</text>`,
    `<text x="${left + plotW + 6}" y="${yOf(-1) + 4}" fill="${COLOURS.neutral}">0</text>`,
  ].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Responses and sentiment over time" viewBox="0 0 ${width} ${height}" width="100%" ${FONT}>\n${bars}\n${axis}\n<polyline points="${points}" fill="none" stroke="${COLOURS.line}" stroke-width="2"/>\n${labels}\n</svg>`;
}
