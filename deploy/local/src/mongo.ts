import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MongoClient } from 'mongodb';
import { cachedBuild, copyMavenDependencies, requireTool, runBuildCommand } from './cache.js';
import { root } from './paths.js';
import { startProcess, type ManagedProcess } from './processes.js';
import { waitUntilReady } from './readiness.js';

const pom = 'deploy/local/mongo/pom.xml';
const launcher = 'deploy/local/mongo/LocalMongo.java';

/**
 * mongo-java-server's jars (Maven Central) and our launcher class, resolved and compiled once per
 * version of pom.xml and LocalMongo.java. Returns the classpath.
 */
export async function ensureMongoClasspath(): Promise<string> {
  const dir = await cachedBuild('mongo', [pom, launcher], async (out, logFile) => {
    requireTool('javac', ['-version'], 'apt-get install -y openjdk-17-jdk-headless');
    await copyMavenDependencies(pom, join(out, 'lib'), logFile);
    await runBuildCommand('javac LocalMongo.java', 'javac', ['-d', join(out, 'classes'), '-cp', `${join(out, 'lib')}/*`, join(root, launcher)], {
      cwd: root,
      logFile,
    });
  });
  return `${join(dir, 'lib')}/*:${join(dir, 'classes')}`;
}

/** memory: `heap` is the JVM's -Xmx (the data lives on it). */
export type MongoBackend = { kind: 'memory'; heap: string } | { kind: 'h2'; file: string };

/** What identifies the database process in its command line (see PidFile.reapStale). */
export const mongoMarker = (port: number) => `LocalMongo ${port}`;

export async function startMongo(options: { port: number; backend: MongoBackend; logFile: string }): Promise<ManagedProcess> {
  const classpath = await ensureMongoClasspath();
  requireTool('java', ['-version'], 'apt-get install -y openjdk-17-jre-headless');
  const { backend } = options;
  if (backend.kind === 'h2') mkdirSync(dirname(backend.file), { recursive: true });
  return startProcess({
    name: 'mongo',
    command: 'java',
    args: [
      // Bounded heap. The memory backend holds 100k test-sized documents in about 364 MiB at 512m; H2's
      // full scans slow down tenfold when its heap is that tight, so the dev profile gets more room.
      backend.kind === 'h2' ? '-Xmx1g' : `-Xmx${backend.heap}`,
      '-Djava.awt.headless=true',
      // WARN keeps the "secondary index ignored" lines and drops a line per client connection.
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      // These two print the whole command a request failed on, filter values included (they may be
      // personal data); the client gets the error and logs it by code.
      '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=off',
      '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.backend.AbstractMongoDatabase=off',
      '-cp',
      classpath,
      'LocalMongo',
      String(options.port),
      backend.kind,
      ...(backend.kind === 'h2' ? [backend.file] : []),
      // mongo-java-server 1.47.0 reports wire 8; the mongodb 7.x driver needs 9 (see LocalMongo.java).
      '--wire=9',
    ],
    env: process.env,
    logFile: options.logFile,
    marker: mongoMarker(options.port),
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
