import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics, loadEventContracts } from '@verbatim/kit';
import { cachedBuild, requireTool, runBuildCommand } from './cache.js';
import { localDir, root } from './paths.js';
import type { Ports } from './ports.js';
import { startProcess, type ManagedProcess } from './processes.js';
import { waitUntilReady } from './readiness.js';
import { StackError } from './say.js';

const pom = 'deploy/local/kafka/pom.xml';

/** The broker's classpath (jars from Maven Central), resolved once per version of pom.xml. */
export function ensureKafkaLib(): Promise<string> {
  return cachedBuild('kafka', [pom], async (out, logFile) => {
    requireTool('mvn', ['-v'], 'apt-get install -y maven');
    await runBuildCommand(
      'mvn dependency:copy-dependencies',
      'mvn',
      ['-q', '-B', '-f', join(root, pom), 'dependency:copy-dependencies', `-DoutputDirectory=${join(out, 'lib')}`, '-DincludeScope=runtime'],
      { cwd: root, logFile },
    );
  }).then((dir) => join(dir, 'lib'));
}

/** Single-node KRaft broker; the values that matter are explained in /work/shared/INFRA.md. */
function serverProperties(ports: Ports, dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    // Without replication factor 1 on the internal topics a single broker never serves consumer groups.
    'offsets.topic.replication.factor=1',
    // Fewer offset partitions than the default 50: the first consumer group of a fresh run waits less.
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.num.partitions=6',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics come from schemas/events/topics.json with their partitions and retention, never by accident.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/** A Kafka cluster id: 16 random bytes, base64url without padding, never starting with '-' (as Kafka's Uuid.randomUuid). */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export interface KafkaStart {
  ports: Ports;
  /** .run/<profile>/kafka: server.properties and data/ */
  dir: string;
  logFile: string;
}

export async function startKafka({ ports, dir, logFile }: KafkaStart): Promise<ManagedProcess> {
  const lib = await ensureKafkaLib();
  requireTool('java', ['-version'], 'apt-get install -y openjdk-17-jre-headless');
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const properties = join(dir, 'server.properties');
  writeFileSync(properties, serverProperties(ports, dataDir));
  const classpath = `${lib}/*`;
  const log4j = `-Dlog4j2.configurationFile=${join(localDir, 'kafka', 'log4j2.properties')}`;

  if (!existsSync(join(dataDir, 'meta.properties'))) {
    const r = spawnSync('java', [log4j, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '--standalone', '-t', clusterId(), '-c', properties, '--ignore-formatted'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new StackError(`Formatting Kafka storage in ${dataDir} failed:\n${r.stdout}${r.stderr}`);
  }

  return startProcess({
    name: 'kafka',
    command: 'java',
    args: ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', log4j, '-cp', classpath, 'kafka.Kafka', properties],
    env: process.env,
    logFile,
    marker: properties,
  });
}

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'verbatim-local', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } });
}

/** Ready when the broker answers describeCluster (a real metadata round trip, not an open port). */
export async function waitForKafka(proc: ManagedProcess, brokers: string[], timeoutMs: number): Promise<void> {
  await waitUntilReady(
    proc,
    async () => {
      const admin = client(brokers).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0 && cluster.controller !== null;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    timeoutMs,
  );
}

/** Every topic of schemas/events/topics.json and its .dlq; returns the ones it created. */
export async function createTopics(brokers: string[]): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'verbatim-local', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // On a loaded machine the broker may answer the leader check of topics it has just created with
    // UNKNOWN_TOPIC_OR_PARTITION (kafkajs retries only LEADER_NOT_AVAILABLE): ask again, a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        return await ensureTopics(admin, loadEventContracts().topics);
      } catch (err) {
        if ((err as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION' || attempt >= 10) throw err;
        await delay(500);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Makes the broker create and load its group and transaction coordinators (the __consumer_offsets and
 * __transaction_state topics) now, with short polls. Otherwise the first service to join a group or to
 * start an idempotent producer finds them loading and waits through kafkajs's growing retry backoff.
 */
export async function warmCoordinators(brokers: string[], timeoutMs: number): Promise<void> {
  // A few fast retries inside kafkajs: its first metadata refresh happens through them.
  const kafka = new Kafka({ clientId: 'verbatim-local', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 300 } });
  const deadline = Date.now() + timeoutMs;
  const retry = async (what: string, attempt: () => Promise<unknown>) => {
    for (;;) {
      try {
        await attempt();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new StackError(`Kafka's ${what} did not become available: ${(err as Error).message}`);
        await delay(200);
      }
    }
  };
  await Promise.all([
    retry('group coordinator', async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeGroups(['verbatim-local-warm-up']);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }),
    retry('transaction coordinator', async () => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      try {
        await producer.connect();
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    }),
  ]);
}
