import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.js';

export interface JestOutcome {
  code: number;
  /** False when jest ran no tests (--listTests, --showConfig …) and there is nothing to count. */
  counted: boolean;
  passed: number;
  failed: number;
  /** Suites that failed before their tests ran (syntax error, failing import, no tests). */
  brokenSuites: number;
}

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
}

/** The running jest, so a signal to the stack runner can be passed on. */
export let jestChild: ChildProcess | undefined;

/**
 * Runs jest on native ESM with the caller's arguments and the stack's addresses in env. Results are
 * also written as JSON, from which the closing `N passed, N failed` line is made.
 */
export async function runJest(args: string[], env: Record<string, string>, resultsFile: string): Promise<JestOutcome> {
  rmSync(resultsFile, { force: true });
  const runsTests = !args.some((a) => ['--listTests', '--showConfig', '--help', '-h', '--version', '-v'].includes(a));
  const report = runsTests ? ['--json', `--outputFile=${resultsFile}`] : [];
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...report, ...args],
    { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' },
  );
  jestChild = child;
  const code = await new Promise<number>((resolve) => {
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 + 15 : 1)));
    child.once('error', () => resolve(127));
  });
  jestChild = undefined;
  if (!runsTests) return { code, counted: false, passed: 0, failed: 0, brokenSuites: 0 };
  if (!existsSync(resultsFile)) return { code: code || 1, counted: true, passed: 0, failed: 0, brokenSuites: 0 };
  const json = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestJson;
  return { code, counted: true, passed: json.numPassedTests, failed: json.numFailedTests, brokenSuites: json.numRuntimeErrorTestSuites };
}
