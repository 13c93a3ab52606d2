/** Longest quote a report shows; longer responses are cut at a word near this length. */
export const QUOTE_MAX_CHARS = 300;

/** A response as a quote: whitespace collapsed, cut at a word boundary with an ellipsis when too long. */
export function excerpt(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= QUOTE_MAX_CHARS) return clean;
  const cut = clean.slice(0, QUOTE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > QUOTE_MAX_CHARS / 2 ? space : QUOTE_MAX_CHARS)}…`;
}
