const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and attribute values: response text is untrusted and may contain markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * For Markdown text: escapes the characters that would make markup (emphasis, links, headings,
 * tables, HTML) so a response is shown as written. Placeholders such as <PERSON_1> stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(<[A-Z][A-Z0-9_]*>)/)
    .map((part, i) => (i % 2 === 1 ? `\\${part}` : part.replace(/[\\`*_[\]#|~<>]/g, (c) => `\\${c}`)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
