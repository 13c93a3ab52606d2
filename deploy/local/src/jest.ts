import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.js';

export interface JestOutcome {
  code: number;
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
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${resultsFile}`, ...args],
    { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' },
  );
  jestChild = child;
  const code = await new Promise<number>((resolve) => {
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 + 15 : 1)));
    child.once('error', () => resolve(127));
  });
  jestChild = undefined;
  if (!existsSync(resultsFile)) return { code: code || 1, passed: 0, failed: 0, brokenSuites: 0 };
  const json = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestJson;
  return { code, passed: json.numPassedTests, failed: json.numFailedTests, brokenSuites: json.numRuntimeErrorTestSuites };
}
