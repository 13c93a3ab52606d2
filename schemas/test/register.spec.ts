import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildProcessingRegister, loadDataMap, registerHtml, registerMarkdown, registeredSubprocessors } from '../src/index.js';

const map = loadDataMap();
const subprocessors = registeredSubprocessors();
const register = buildProcessingRegister(map, subprocessors);

describe('the record of processing activities (Art. 30)', () => {
  test('has one activity for every purpose a personal field of the data map serves, holders included', () => {
    const purposes = [...new Set(map.fields.flatMap((f) => f.purposes))].sort();
    expect(register.activities.map((a) => a.purpose).sort()).toEqual(purposes);
    for (const a of register.activities) {
      expect(a.holders).toEqual([...new Set(map.fields.filter((f) => f.purposes.includes(a.purpose)).map((f) => f.holder))].sort());
      for (const key of ['legalBases', 'subjectCategories', 'dataCategories', 'recipients', 'retention', 'securityMeasures'] as const) expect(a[key].length).toBeGreaterThan(0);
    }
  });

  test('lists every registered subprocessor, AI providers only where AI processing happens, with their transfer safeguards', () => {
    expect(register.subprocessors.map((s) => s.name).sort()).toEqual(subprocessors.map((s) => s.name).sort());
    expect(new Set(subprocessors.map((s) => s.kind))).toEqual(new Set(['HOSTING', 'SECURITY', 'EMAIL', 'AI']));
    const ai = subprocessors.filter((s) => s.kind === 'AI');
    for (const a of register.activities) {
      const named = ai.filter((s) => a.recipients.some((r) => r.startsWith(s.name)));
      expect(named.length).toBe(a.purpose === 'AI_PROCESSING' ? ai.length : 0);
    }
    const aiActivity = register.activities.find((a) => a.purpose === 'AI_PROCESSING')!;
    for (const s of ai.filter((p) => p.safeguard !== 'EU')) expect(aiActivity.transfers.join('\n')).toContain(s.name);
  });

  test('renders as Markdown and as HTML with a table of contents naming every activity and every subprocessor', () => {
    const md = registerMarkdown(register);
    const html = registerHtml(register);
    for (const a of register.activities) {
      expect(md).toContain(`## ${register.activities.indexOf(a) + 1}. ${a.purpose}`);
      expect(html).toContain(`<a href="#${a.purpose}">`);
    }
    for (const s of subprocessors) {
      expect(md).toContain(`| ${s.name} |`);
      expect(html).toContain(s.name.replace(/'/g, '&#39;'));
    }
    expect(html).not.toMatch(/<li>[^<]*[<>][^<]*<\/li>/);
  });

  test('`pnpm --silent register` prints it, and refuses an unknown format with exit code 2', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tsx = `${root}node_modules/.bin/tsx`;
    expect(execFileSync(tsx, ['schemas/register.ts', '--format', 'html'], { cwd: root, encoding: 'utf8' })).toMatch(/^<!doctype html>/);
    expect(() => execFileSync(tsx, ['schemas/register.ts', '--format', 'pdf'], { cwd: root, encoding: 'utf8', stdio: 'pipe' })).toThrow(expect.objectContaining({ status: 2 }));
  });
});
