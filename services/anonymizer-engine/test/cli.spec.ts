import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'services/anonymizer-engine/src/cli.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(args: string[], input: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, lines: r.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

describe('command-line detector', () => {
  test('writes one line of spans per input line, offsets in code points', () => {
    const input = [
      JSON.stringify({ id: 1, text: '😀 Écrivez à chloe@exemple.fr' }),
      JSON.stringify({ id: 'b', text: 'call +44 20 7946 0958' }),
      JSON.stringify({ id: 3, text: '' }),
    ].join('\n');
    const { code, lines, stderr } = run(['detect'], input + '\n');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines).toEqual([
      { id: 1, language: 'fr', spans: [{ start: 12, end: 28, label: 'EMAIL' }] },
      { id: 'b', language: 'en', spans: [{ start: 5, end: 21, label: 'PHONE' }] },
      { id: 3, language: 'en', spans: [] },
    ]);
  });

  test('a bad line gets an error line, the others go on, and the exit code says lines failed', () => {
    const input = ['not json', JSON.stringify({ id: 7, text: 42 }), '[1,2]', JSON.stringify({ id: 8, text: 'ok' }), '', '{"id": 9, "text": "\\ud800 lone"}'].join('\n');
    const { code, lines, stderr } = run(['detect'], input);
    expect(code).toBe(1);
    expect(lines.map((l) => [l.id, (l.error as { code?: string } | undefined)?.code ?? 'ok'])).toEqual([
      [null, 'BAD_JSON_LINE'],
      [7, 'BAD_RECORD'],
      [null, 'BAD_JSON_LINE'],
      [8, 'ok'],
      [9, 'ok'],
    ]);
    expect(stderr).toContain('line 1: BAD_JSON_LINE');
    expect(stderr).toContain('3 of 6 lines failed');
    expect(stderr).not.toContain('not json');
  });

  test('binary junk on stdin gives error lines, never a crash, and the good lines after it still pass', () => {
    const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256));
    const input = Buffer.concat([junk, Buffer.from('\n' + JSON.stringify({ id: 'last', text: 'tel 06 12 34 56 78' }))]);
    const { code, lines } = run(['detect'], input);
    expect(code).toBe(1);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((l) => (l.error as { code?: string } | undefined)?.code === 'BAD_JSON_LINE')).toBe(true);
    expect(lines[lines.length - 1]).toMatchObject({ id: 'last', spans: [{ start: 4, end: 18, label: 'PHONE' }] });
  });

  test('anonymize mode writes the text, keeps one pseudonym per person across lines, honours known entities', () => {
    const input = [
      JSON.stringify({ id: 1, text: 'Le conseiller Julien Moreau a appelé HELENE DURR.', knownEntities: [{ type: 'PERSON', value: 'Hélène Dürr' }] }),
      JSON.stringify({ id: 2, text: 'Julien Moreau est revenu.' }),
    ].join('\n');
    const { code, lines } = run(['anonymize'], input);
    expect(code).toBe(0);
    expect(lines.map((l) => l.text)).toEqual(['Le conseiller <PERSON_1> a appelé <PERSON_2>.', '<PERSON_1> est revenu.']);
    expect(lines[0]?.changes).toEqual([
      { start: 14, end: 27, label: 'PERSON', operator: 'pseudonymize' },
      { start: 37, end: 48, label: 'PERSON', operator: 'pseudonymize' },
    ]);
  });

  test('anonymize mode can encrypt with a key read from the environment', () => {
    const { code, lines } = run(['anonymize', '--operator', 'encrypt', '--key-env', 'TEST_WORKSPACE_KEY'], JSON.stringify({ id: 1, text: 'mail a.b@exemple.fr' }), { TEST_WORKSPACE_KEY: 'k' });
    expect(code).toBe(0);
    expect(String(lines[0]?.text)).toMatch(/^mail <ENC:[A-Za-z0-9_-]+>$/);
  });

  test('bad usage exits with 2 and says how to call it', () => {
    const r = run(['explode'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage:');
    expect(run(['anonymize', '--operator', 'hash'], '').stderr).toContain('--key-env');
  });
});
