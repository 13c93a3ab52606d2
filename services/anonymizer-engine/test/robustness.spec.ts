import { describe, expect, test } from '@jest/globals';
import { analyze, anonymize } from '../src/index.js';

const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const SIZE = 200_000;

// Inputs built to make backtracking regular expressions blow up; each must simply finish with sane output
// (timings are measured by bench/throughput.ts, not asserted here).
describe('bad and adversarial input', () => {
  test.each<[string, string]>([
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['lone surrogates', '\ud800\udc00\ud800 x \udfff Jean Dupont \ud83d'],
    ['binary junk', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('')],
    ['NUL bytes and controls', '\u0000\u0001\u001b[31m06 12 34 56 78\u0000'],
    ['letters', fill('a', SIZE)],
    ['digits', fill('0', SIZE)],
    ['digits and spaces', fill('1 ', SIZE)],
    ['email-like', fill('a.', SIZE) + '@'],
    ['at signs', fill('a@', SIZE)],
    ['colons', fill('a:', SIZE)],
    ['dotted numbers', fill('1.', SIZE)],
    ['capitalised words', fill('Jean Dupont ', SIZE)],
    ['address-like', fill('12 rue de la ', SIZE)],
    ['IBAN-like', fill('FR76 ', SIZE)],
    ['url-like', 'http://' + fill('a/', SIZE)],
    ['mixed languages', fill('Merci à Sandrine ! Call me on +44 20 7946 0958. ', SIZE)],
  ])('%s', (_name, text) => {
    const r = anonymize(text);
    expect(typeof r.text).toBe('string');
    let last = 0;
    for (const c of r.changes) {
      expect(c.start).toBeGreaterThanOrEqual(last);
      expect(c.end).toBeGreaterThan(c.start);
      expect(c.end).toBeLessThanOrEqual(text.length);
      last = c.end;
    }
  });

  test('non-string input is treated as empty text rather than thrown on', () => {
    expect(analyze(undefined as unknown as string).findings).toEqual([]);
    expect(anonymize(null as unknown as string).text).toBe('');
  });

  test('a very long text is processed whole', () => {
    const text = fill('Contactez Camille au 06 12 34 56 78. ', 1_000_000);
    const r = analyze(text);
    const phones = r.findings.filter((f) => f.type === 'PHONE').length;
    expect(phones).toBeGreaterThan(25_000);
  });
});
