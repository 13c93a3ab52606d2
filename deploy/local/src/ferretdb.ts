import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { cachedBuild, requireTool, runBuildCommand } from './cache.js';
import { localDir } from './paths.js';
import { startProcess, type ManagedProcess } from './processes.js';
import { waitUntilReady } from './readiness.js';

const inputs = ['deploy/local/ferretdb/go.mod', 'deploy/local/ferretdb/go.sum', 'deploy/local/ferretdb/main.go'];

/** FerretDB (deploy/local/ferretdb/main.go) compiled once per version of its sources. */
export function ensureFerretBinary(): Promise<string> {
  return cachedBuild('ferretdb', inputs, async (out, logFile) => {
    requireTool('go', ['version'], 'apt-get install -y golang-go (Go 1.24 or newer; Debian 13 has it), or https://go.dev/dl');
    await runBuildCommand('go build (FerretDB)', 'go', ['build', '-trimpath', '-o', join(out, 'ferretdb'), '.'], {
      cwd: join(localDir, 'ferretdb'),
      logFile,
    });
  }).then((dir) => join(dir, 'ferretdb'));
}

export async function startFerret(options: { port: number; dataDir: string; logFile: string }): Promise<ManagedProcess> {
  const bin = await ensureFerretBinary();
  mkdirSync(options.dataDir, { recursive: true });
  return startProcess({
    name: 'ferretdb',
    command: bin,
    args: ['-listen', `127.0.0.1:${options.port}`, '-dir', options.dataDir],
    env: process.env,
    logFile: options.logFile,
    marker: options.dataDir,
  });
}

/** Ready when a MongoDB client gets an answer to `ping`. */
export async function waitForMongo(proc: ManagedProcess, url: string, timeoutMs: number): Promise<void> {
  await waitUntilReady(
    proc,
    async () => {
      const mongo = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
      try {
        await mongo.connect();
        const answer = await mongo.db('admin').command({ ping: 1 });
        return answer['ok'] === 1;
      } finally {
        await mongo.close().catch(() => undefined);
      }
    },
    timeoutMs,
  );
}
