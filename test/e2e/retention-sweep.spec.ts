import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { SERVICES } from '@verbatim/contracts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (args: string[]) =>
  run(`${root}node_modules/.bin/tsx`, ['services/rights/src/cli/retention-sweep.ts', ...args], {
    cwd: root,
    env: { ...process.env, KAFKA_BROKERS: process.env['TEST_KAFKA_BROKERS'] ?? '127.0.0.1:19192' },
  });

describe('pnpm --silent retention:sweep on the running stack', () => {
  test('a dry run ten years ahead is answered by every service with counts per rule, and changes nothing', async () => {
    const asOf = new Date(Date.now() + 10 * 366 * 86_400_000).toISOString();
    const { stdout } = await cli(['--dry-run', '--as-of', asOf, '--timeout-seconds', '60']);
    expect(stdout).toContain(`as of ${asOf} (dry run: nothing changed)`);
    const rows = stdout.trim().split('\n').slice(2).map((line) => line.split('\t'));
    for (const service of SERVICES) expect(rows.some(([s]) => s === service)).toBe(true);
    for (const [, , action, due, held, applied, purged] of rows) {
      expect(['DELETE', 'ARCHIVE']).toContain(action);
      expect(Number(applied)).toBe(0);
      for (const n of [due, held, purged]) expect(Number.isInteger(Number(n))).toBe(true);
    }
  }, 90_000);

  test('a date that is not one is refused with exit code 2 and the usage', async () => {
    const failed = await cli(['--as-of', 'next tuesday']).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/is not a date[\s\S]*usage:/);
  });
});
