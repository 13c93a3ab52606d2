#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a fresh clone. Plain Node (20+) without dependencies:
// it checks the system tools, gets pnpm, installs the workspace when needed, then hands over to the
// TypeScript stack runner (`pnpm run stack <cmd>`), which runs on the Node 24 that pnpm installs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '10.34.9';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(root, '.cache');
const [command = 'up', ...rest] = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

function say(message) {
  process.stdout.write(`[verbatim] ${message}\n`);
}

function sha256(...files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex').slice(0, 16);
}

/** Runs a tool and returns its trimmed output, or undefined when it is not installed. */
function probe(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.error || r.status !== 0) return undefined;
  return `${r.stdout}${r.stderr}`.trim();
}

// The same keys deploy/local/src/cache.ts uses for its cached builds: when a build is cached, the
// tool that makes it is not needed.
const kafkaBuilt = existsSync(join(cacheDir, 'kafka', sha256('deploy/local/kafka/pom.xml'), 'lib'));
const mongoBuilt = existsSync(join(cacheDir, 'mongo', sha256('deploy/local/mongo/pom.xml', 'deploy/local/mongo/LocalMongo.java'), 'classes'));
const mailpitInputs = ['go.mod', 'go.sum', 'main.go', 'ui/package.json', 'ui/package-lock.json'].map((f) => `deploy/local/mailpit/${f}`);
const mailpitBuilt = existsSync(join(cacheDir, 'mailpit', sha256(...mailpitInputs), 'mailpit'));

function checkSystemTools() {
  const missing = [];
  const java = probe('java', ['-version']);
  const javaMajor = java && Number(/version "(\d+)/.exec(java)?.[1] ?? 0);
  if (!java) missing.push('java (Java 17 or newer runs Kafka and the database): apt-get install -y openjdk-17-jre-headless');
  else if (javaMajor < 17) missing.push(`java 17 or newer (found ${javaMajor}): apt-get install -y openjdk-17-jre-headless`);
  if (!(kafkaBuilt && mongoBuilt) && !probe('mvn', ['-v'])) missing.push('mvn (Maven fetches the Kafka and database jars once): apt-get install -y maven');
  if (!mongoBuilt && !probe('javac', ['-version'])) missing.push('javac (compiles the database launcher once): apt-get install -y openjdk-17-jdk-headless');
  if (!mailpitBuilt) {
    const go = probe('go', ['version']);
    const goVersion = go && /go(\d+)\.(\d+)/.exec(go);
    if (!go) missing.push('go 1.26 or newer (builds Mailpit once): apt-get install -y golang-go, or https://go.dev/dl');
    else if (goVersion && (Number(goVersion[1]) < 1 || (Number(goVersion[1]) === 1 && Number(goVersion[2]) < 26))) {
      missing.push(`go 1.26 or newer (found ${goVersion[0]}; Mailpit 1.33 needs it): install a newer Go from https://go.dev/dl`);
    }
  }
  if (missing.length) fail(`Verbatim needs these tools on PATH:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
}

function ensurePnpm() {
  const local = join(cacheDir, 'tools', 'node_modules', '.bin', 'pnpm');
  if (probe('pnpm', ['--version']) === PNPM_VERSION) return 'pnpm';
  if (existsSync(local) && probe(local, ['--version']) === PNPM_VERSION) return local;
  say(`installing pnpm ${PNPM_VERSION} into .cache/tools`);
  const r = spawnSync('npm', ['install', '--prefix', join(cacheDir, 'tools'), '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${PNPM_VERSION}`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) fail(`Could not install pnpm ${PNPM_VERSION} with npm (exit ${r.status}). Check access to the npm registry.`);
  return local;
}

function ensureInstalled(pnpm) {
  const marker = join(cacheDir, 'install.hash');
  const wanted = sha256('pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json');
  const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
  if (existsSync(join(root, 'node_modules', '.bin', 'tsx')) && current === wanted) return;
  say('installing dependencies (pnpm install --frozen-lockfile)');
  const started = Date.now();
  const r = spawnSync(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`pnpm install failed (exit ${r.status}). If the lockfile is out of date, run \`pnpm install\` and commit pnpm-lock.yaml.`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(marker, `${wanted}\n`);
  say(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (!['up', 'test', 'infra'].includes(command)) {
  fail(`Unknown command "${command}". Use: node deploy/local/bootstrap.mjs up | test | infra`);
}
checkSystemTools();
const pnpm = ensurePnpm();
ensureInstalled(pnpm);

// node_modules/.bin first: its `node` is the Node 24 the project pins, so tsx and jest run on it.
// The stack runner writes its pid to STACK_PID_FILE, so that signals go to it alone.
const pidFile = join(cacheDir, `stack-${process.pid}.pid`);
const env = { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter), STACK_PID_FILE: pidFile };
// Own process group: a terminal's Ctrl-C reaches only this process. The signal is passed to the stack
// runner only, which stops its children in order; pnpm, the shells and tsx between us and it exit
// when it does. (Signalled too, tsx would SIGKILL the runner if it did not acknowledge within 30 ms.)
const child = spawn(pnpm, ['run', '--silent', 'stack', command, ...rest], { cwd: root, env, stdio: 'inherit', detached: true });
function forward(signal) {
  let target = -child.pid;
  try {
    target = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    // the runner has not started yet: nothing to stop in order, signal the whole group
  }
  try {
    process.kill(target, signal);
  } catch {
    // already gone
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => forward(signal === 'SIGHUP' ? 'SIGTERM' : signal));
}
// npm does not pass a SIGTERM sent to `npm start` on to its script: it just exits. Watch the npm
// process that launched us (Linux /proc) and stop the stack when it disappears.
function npmAncestor() {
  let pid = process.ppid;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (/^(\S*\/)?npm( |$)|npm-cli\.js/.test(cmdline)) return pid;
      pid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
const npmPid = npmAncestor();
if (npmPid) {
  const watch = setInterval(() => {
    try {
      process.kill(npmPid, 0);
    } catch {
      clearInterval(watch);
      forward('SIGTERM');
    }
  }, 1000);
  watch.unref();
}

child.on('exit', (code, signal) => {
  rmSync(pidFile, { force: true });
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 143));
});
