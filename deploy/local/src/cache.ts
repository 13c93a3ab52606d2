import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, root } from './paths.js';
import { tail } from './processes.js';
import { say, seconds, StackError } from './say.js';

/** Same key as bootstrap.mjs: sha256 of the inputs' contents, 16 hex digits. */
export function inputsHash(files: string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex').slice(0, 16);
}

/** Fails with the Debian package to install when a build tool is missing. */
export function requireTool(command: string, versionArgs: string[], install: string): void {
  const r = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (r.error) throw new StackError(`\`${command}\` is not on PATH. Install it: ${install}`);
}

/**
 * Returns .cache/<kind>/<hash of inputs>, building it first when missing. The build writes into a
 * temporary folder that is renamed into place only on success, so an interrupted build is redone.
 */
export async function cachedBuild(
  kind: string,
  inputs: string[],
  build: (outDir: string, logFile: string) => Promise<void>,
): Promise<string> {
  const dir = join(cacheDir, kind, inputsHash(inputs));
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const logFile = join(cacheDir, kind, 'build.log');
  const started = Date.now();
  say(`building ${kind} (once; cached in .cache/${kind}/, log .cache/${kind}/build.log)`);
  await build(tmp, logFile);
  try {
    renameSync(tmp, dir);
  } catch (err) {
    // Another checkout sharing this cache (a worktree) finished the same build first: use theirs.
    if (!existsSync(dir)) throw err;
    rmSync(tmp, { recursive: true, force: true });
  }
  say(`built ${kind} in ${seconds(started)}`);
  return dir;
}

/** Runs a build command with its output in logFile; fails with the log's last lines. */
export function runBuildCommand(what: string, command: string, args: string[], options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  const fd = openSync(options.logFile, 'w');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new StackError(`${what} could not start: ${err.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new StackError(`${what} failed (${signal ?? `exit ${code}`}). Last lines of ${options.logFile}:\n${tail(options.logFile, 30)}`));
    });
  });
}

/** Copies the runtime dependencies of a dependencies-only pom.xml (relative to the root) into libDir. */
export function copyMavenDependencies(pom: string, libDir: string, logFile: string): Promise<void> {
  requireTool('mvn', ['-v'], 'apt-get install -y maven');
  return runBuildCommand(
    'mvn dependency:copy-dependencies',
    'mvn',
    ['-q', '-B', '-f', join(root, pom), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime'],
    { cwd: root, logFile },
  );
}
