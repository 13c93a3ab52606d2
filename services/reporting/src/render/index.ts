export { renderMarkdown } from './markdown.js';
export { renderHtml } from './html.js';
export { escapeHtml, escapeMarkdown } from './escape.js';
