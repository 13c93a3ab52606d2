import { spawnSync } from 'node:child_process';
import { cpSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { cachedBuild, requireTool, runBuildCommand } from './cache.js';
import { localDir } from './paths.js';
import { startProcess, type ManagedProcess } from './processes.js';
import { httpOk, waitUntilReady } from './readiness.js';
import { StackError } from './say.js';

const moduleDir = join(localDir, 'mailpit');
const inputs = [
  'deploy/local/mailpit/go.mod',
  'deploy/local/mailpit/go.sum',
  'deploy/local/mailpit/main.go',
  'deploy/local/mailpit/ui/package.json',
  'deploy/local/mailpit/ui/package-lock.json',
];

/** Where `go mod download` put the Mailpit module our go.mod pins (read-only, in the Go module cache). */
function mailpitSourceDir(): string {
  const r = spawnSync('go', ['mod', 'download', '-json', 'github.com/axllent/mailpit'], { cwd: moduleDir, encoding: 'utf8' });
  const dir = r.status === 0 ? (JSON.parse(r.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new StackError(`go mod download github.com/axllent/mailpit failed (exit ${r.status}): ${r.stderr.trim()}`);
  return dir;
}

/**
 * Mailpit (deploy/local/mailpit/main.go) compiled once per version of its inputs. The module zip lacks
 * the web UI bundle (server/ui/dist is built by npm upstream and is not in git), so the build copies the
 * module source, builds the bundle there with upstream's own esbuild.config.mjs from our pinned
 * deploy/local/mailpit/ui/package-lock.json, and compiles our main package against that copy (go.work).
 */
export function ensureMailpitBinary(): Promise<string> {
  return cachedBuild('mailpit', inputs, async (out, logFile) => {
    requireTool('go', ['version'], 'apt-get install -y golang-go (Go 1.26 or newer for Mailpit 1.33), or https://go.dev/dl');
    requireTool('npm', ['--version'], 'apt-get install -y npm');
    const work = `${out}-src`;
    rmSync(work, { recursive: true, force: true });
    try {
      const src = join(work, 'mailpit');
      cpSync(mailpitSourceDir(), src, { recursive: true });
      chmodSync(src, 0o755);
      spawnSync('chmod', ['-R', 'u+w', src]);
      for (const f of ['package.json', 'package-lock.json']) cpSync(join(moduleDir, 'ui', f), join(src, f));
      // `npm install` from the lockfile rather than `npm ci`: the lockfile holds only the platform
      // packages of sass-embedded that the registry serves, and `npm ci` refuses a lockfile without the
      // others. No install scripts: esbuild ships its binary as a package.
      await runBuildCommand('npm install (Mailpit web UI)', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: src, logFile });
      await runBuildCommand('esbuild (Mailpit web UI)', process.execPath, ['esbuild.config.mjs'], { cwd: src, logFile, env: { ...process.env, MINIFY: 'true' } });
      const goWork = join(work, 'go.work');
      writeFileSync(goWork, `go 1.26.0\n\nuse (\n\t${moduleDir}\n\t${src}\n)\n`);
      await runBuildCommand('go build (Mailpit)', 'go', ['build', '-trimpath', '-o', join(out, 'mailpit'), '.'], {
        cwd: moduleDir,
        logFile,
        env: { ...process.env, GOWORK: goWork },
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }).then((dir) => join(dir, 'mailpit'));
}

export interface MailpitStart {
  smtpPort: number;
  httpPort: number;
  /** SQLite file kept between runs; omitted: Mailpit keeps its mails in a temporary database removed at exit. */
  databaseFile?: string;
  logFile: string;
}

/** The piece of Mailpit's command line that finds it again after a crash (see PidFile.reapStale). */
export const mailpitMarker = (smtpPort: number) => `--smtp=127.0.0.1:${smtpPort}`;

export async function startMailpit(options: MailpitStart): Promise<ManagedProcess> {
  const bin = await ensureMailpitBinary();
  if (options.databaseFile) mkdirSync(join(options.databaseFile, '..'), { recursive: true });
  return startProcess({
    name: 'mailpit',
    command: bin,
    args: [
      mailpitMarker(options.smtpPort),
      `--listen=127.0.0.1:${options.httpPort}`,
      ...(options.databaseFile ? [`--database=${options.databaseFile}`] : []),
      // Local only: no update check over the network, no reverse DNS of the (loopback) client.
      '--disable-version-check',
      '--smtp-disable-rdns',
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--quiet',
    ],
    env: process.env,
    logFile: options.logFile,
    marker: mailpitMarker(options.smtpPort),
  });
}

/** Resolves true when an SMTP server on the port greets with 220. */
function smtpGreets(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000, () => socket.destroy(new Error('no SMTP greeting within 2 s')));
    socket.once('error', reject);
    socket.once('data', (chunk) => {
      socket.end('QUIT\r\n');
      if (chunk.toString('latin1').startsWith('220')) resolve(true);
      else reject(new Error(`SMTP greeting was "${chunk.toString('latin1').trim()}"`));
    });
  });
}

/**
 * Ready when its HTTP API answers /readyz with 200 and its SMTP port greets: Mailpit starts the two
 * listeners concurrently, so neither alone says the other is up.
 */
export function waitForMailpit(proc: ManagedProcess, ports: { httpPort: number; smtpPort: number }, timeoutMs: number): Promise<void> {
  return waitUntilReady(proc, async () => (await httpOk(`${mailpitUrl(ports.httpPort)}/readyz`)) && smtpGreets(ports.smtpPort), timeoutMs);
}

export const mailpitUrl = (httpPort: number) => `http://127.0.0.1:${httpPort}`;
export const smtpUrl = (smtpPort: number) => `smtp://127.0.0.1:${smtpPort}`;
