import type { ReportContent } from '../analysis/index.js';
import type { Renderer } from './generator.js';

// Stand-in until src/render lands (helper-2): a minimal, escaped rendering so reports are always complete.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function markdown(title: string, content: ReportContent): string {
  const lines = [`# ${title}`, '', content.summary, '', `Responses: ${content.responseCount}`, ''];
  for (const theme of content.themes) {
    lines.push(`## ${theme.label} (${theme.count})`, '');
    for (const quote of theme.quotes) lines.push(`> ${quote.text}`, '');
  }
  return lines.join('\n');
}

export const plainRenderer: Renderer = {
  markdown,
  html: (title, content) => `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><pre>${escapeHtml(markdown(title, content))}</pre></body></html>`,
};
