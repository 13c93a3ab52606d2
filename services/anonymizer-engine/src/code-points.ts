/**
 * Converts UTF-16 offsets to Unicode code point offsets in one pass. `offsets` may come in any order;
 * a lone surrogate counts as one code point, a surrogate pair as one.
 */
export function toCodePointOffsets(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((o, i) => [o, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(offsets.length);
  let unit = 0;
  let cp = 0;
  for (const [target, index] of order) {
    while (unit < target && unit < text.length) {
      const c = text.charCodeAt(unit);
      if (c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length) {
        const d = text.charCodeAt(unit + 1);
        if (d >= 0xdc00 && d <= 0xdfff && unit + 1 < target) unit++;
      }
      unit++;
      cp++;
    }
    out[index] = cp;
  }
  return out;
}
