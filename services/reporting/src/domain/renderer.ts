import { renderHtml, renderMarkdown } from '../render/index.js';
import type { Renderer } from './generator.js';

/** The stored renderings of a report (Markdown and a self-contained HTML page). */
export const reportRenderer: Renderer = { markdown: renderMarkdown, html: renderHtml };
