import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { entryExists, fakeLlm, gateway, kafkaBrokers, mongoUrl, services, type App } from './apps.js';
import { createTopics, startKafka, waitForKafka, warmCoordinators } from './kafka.js';
import { mongoMarker, startMongo, waitForMongo, type MongoBackend } from './mongo.js';
import { mailpitMarker, mailpitUrl, startMailpit, waitForMailpit } from './mailpit.js';
import { runDir } from './paths.js';
import { assertPortsFree, portsOf, type Ports, type Profile } from './ports.js';
import { describeExit, PidFile, startProcess, tail, type ManagedProcess } from './processes.js';
import { httpOk, waitUntilReady } from './readiness.js';
import { loadSecrets } from './secrets.js';
import { ensureWebBuild } from './web.js';
import { say, StackError } from './say.js';

// `node --import tsx <entry>`: tsx's loader in a single process, so SIGTERM reaches the service itself.
// The `tsx` CLI would add a parent that SIGKILLs its child when the child does not acknowledge a
// relayed signal within 30 ms (easily missed on two busy cores), cutting graceful shutdown short.
const nodeArgs = ['--import', 'tsx'];

export interface StackOptions {
  profile: Profile;
  /** Wipe .run/<profile> first (the test profile starts from empty databases and topics). */
  fresh: boolean;
  logLevel: string;
  /** Start only the apps whose entry file exists, instead of failing (for work on a partial tree). */
  allowMissing: boolean;
}

/** The database, Kafka, the six services and the gateway of one profile, started in order and stopped in reverse. */
export class Stack {
  readonly ports: Ports;
  readonly dir: string;
  readonly logsDir: string;
  readonly queryAuditDir: string | undefined;
  private readonly pidFile: PidFile;
  private readonly processes: ManagedProcess[] = [];
  private readonly markers = new Map<ManagedProcess, string>();
  /** How each app was started, so a fault test can start it again after killing it (see control.ts). */
  private readonly started = new Map<string, { app: App; probePath: string }>();
  private stopping = false;
  private ready = false;

  constructor(private readonly options: StackOptions) {
    this.ports = portsOf(options.profile);
    this.dir = runDir(options.profile);
    this.logsDir = join(this.dir, 'logs');
    // The test stack records queries no declared index serves (kit mongo/index-audit.ts); `npm test` reports them.
    this.queryAuditDir = options.profile === 'test' ? join(this.dir, 'query-audit') : undefined;
    this.pidFile = new PidFile(join(this.dir, 'pids.json'));
  }

  /** How many processes this stack has started (0: nothing to stop). */
  get size(): number {
    return this.processes.length;
  }

  get brokers(): string[] {
    return [kafkaBrokers(this.ports)];
  }

  mongoUrl(database: string): string {
    return mongoUrl(this.ports, database);
  }

  /** Mailpit's web inbox and HTTP API. */
  get mailpitUrl(): string {
    return mailpitUrl(this.ports.mail.http);
  }

  /** Stops what a killed earlier run left behind, checks the ports, and lays out the run folder. */
  async prepare(withApps: boolean): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const reaped = await this.pidFile.reapStale();
    if (reaped.length) say(`stopped processes left running by an earlier run: ${reaped.join(', ')}`);
    const { mongo, kafka, kafkaController, gateway: gw, services: svc, fakeLlm: llm } = this.ports;
    const apps = { gateway: gw, ...svc, ...(llm ? { 'fake-llm': llm } : {}) };
    const mail = { 'mailpit smtp': this.ports.mail.smtp, 'mailpit http': this.ports.mail.http };
    await assertPortsFree({ mongo, kafka, 'kafka controller': kafkaController, ...mail, ...(withApps ? apps : {}) });
    if (this.options.fresh) rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.logsDir, { recursive: true });
  }

  private track(proc: ManagedProcess, marker: string): ManagedProcess {
    this.processes.push(proc);
    this.markers.set(proc, marker);
    this.pidFile.write(this.processes.map((p) => ({ name: p.name, pid: p.pid, marker: this.markers.get(p) ?? '' })));
    if (this.stopping) {
      void proc.stop(5_000);
      throw new StackError(`not starting ${proc.name}: the stack is stopping`);
    }
    void proc.exited.then((info) => {
      if (this.ready && !this.stopping && info.signal !== 'SIGKILL') {
        say(`${proc.name} ${describeExit(info)} unexpectedly. Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`);
      }
    });
    return proc;
  }

  /**
   * The dev profile keeps its database in one H2 file under .run/dev/mongo/; the test profile starts
   * from empty databases anyway, so it keeps them in memory.
   */
  private mongoBackend(): MongoBackend {
    if (this.options.profile === 'dev') return { kind: 'h2', file: join(this.dir, 'mongo', 'verbatim.mv') };
    // The benchmarks store 100,000 responses several times over (raw, anonymized, corpus, dedup marks).
    return { kind: 'memory', heap: this.options.profile === 'bench' ? '4g' : '512m' };
  }

  /** The database, Kafka and Mailpit (built on first use), then every topic of schemas/events/topics.json. */
  async startInfra(): Promise<void> {
    // Alongside the rest; awaited last. The no-op catch only keeps an early failure elsewhere from
    // leaving this promise's own failure unhandled (it still fails startInfra when awaited).
    const mailpit = this.startMail();
    mailpit.catch(() => undefined);
    const kafkaDir = join(this.dir, 'kafka');
    const [mongo, kafka] = await Promise.all([
      startMongo({ port: this.ports.mongo, backend: this.mongoBackend(), logFile: join(this.logsDir, 'mongo.log') }).then((p) =>
        this.track(p, mongoMarker(this.ports.mongo)),
      ),
      startKafka({ ports: this.ports, dir: kafkaDir, logFile: join(this.logsDir, 'kafka.log') }).then((p) => this.track(p, join(kafkaDir, 'server.properties'))),
    ]);
    await Promise.all([waitForMongo(mongo, this.mongoUrl('admin'), 30_000), waitForKafka(kafka, this.brokers, 120_000)]);
    const [created] = await Promise.all([createTopics(this.brokers, 60_000), warmCoordinators(this.brokers, 60_000)]);
    if (created.length) say(`created ${created.length} Kafka topics`);
    await mailpit;
  }

  /** Mailpit: dev keeps its mails in .run/dev/mailpit/; test keeps them in memory (a temporary database). */
  private async startMail(): Promise<void> {
    const { smtp, http } = this.ports.mail;
    const databaseFile = this.options.profile === 'dev' ? join(this.dir, 'mailpit', 'mailpit.db') : undefined;
    const proc = this.track(
      await startMailpit({ smtpPort: smtp, httpPort: http, logFile: join(this.logsDir, 'mailpit.log'), ...(databaseFile ? { databaseFile } : {}) }),
      mailpitMarker(smtp),
    );
    await waitForMailpit(proc, { smtpPort: smtp, httpPort: http }, 30_000);
  }

  private async startApp(app: App, probePath = '/readyz'): Promise<ManagedProcess> {
    this.started.set(app.name, { app, probePath });
    const proc = this.track(
      startProcess({
        name: app.name,
        command: process.execPath,
        args: [...nodeArgs, app.entry],
        env: { ...process.env, ...app.env },
        logFile: join(this.logsDir, `${app.name}.log`),
        marker: app.entry,
      }),
      app.entry,
    );
    // A cold tsx start of a service on two busy cores takes a while; readiness also waits for its Mongo and Kafka.
    await waitUntilReady(proc, () => httpOk(`http://127.0.0.1:${app.port}${probePath}`), 180_000);
    return proc;
  }

  /** identity first (the others verify tokens with its keys), then the other services together, then the gateway. */
  async startApps(): Promise<void> {
    const secrets = loadSecrets(this.dir);
    // Built (or found in the cache) while nothing else runs yet: vite takes both cores for a few seconds.
    const webDir = await ensureWebBuild();
    const all = [...services(this.ports, secrets, this.options.logLevel, this.queryAuditDir), gateway(this.ports, this.options.logLevel, this.options.profile, webDir)];
    const missing = all.filter((a) => !entryExists(a));
    if (missing.length) {
      const list = missing.map((a) => a.entry).join(', ');
      if (!this.options.allowMissing) throw new StackError(`Missing entry files: ${list}. Every service and the gateway must exist to start the stack.`);
      say(`STACK_PARTIAL=1: not starting ${list}`);
    }
    const present = all.filter(entryExists);
    const llm = fakeLlm(this.ports);
    if (llm) await this.startApp(llm, '/healthz');
    const identity = present.filter((a) => a.name === 'identity');
    const others = present.filter((a) => a.name !== 'identity' && a.name !== 'gateway');
    const gw = present.filter((a) => a.name === 'gateway');
    for (const group of [identity, others]) await Promise.all(group.map((a) => this.startApp(a)));
    // The gateway is ready only when every subgraph is; with some missing, being alive is all it can be.
    for (const a of gw) await this.startApp(a, missing.length ? '/healthz' : '/readyz');
  }

  /** The running process of that name (the last started: a restarted one replaces the killed one). */
  private running(name: string): ManagedProcess {
    const proc = this.processes.findLast((p) => p.name === name);
    if (!proc?.running()) throw new StackError(`no running process named ${name}`);
    return proc;
  }

  /** Fault tests: SIGKILL a process (its whole group), as a crash would, and wait until it is gone. */
  async kill(name: string): Promise<void> {
    const proc = this.running(name);
    process.kill(-proc.pid, 'SIGKILL');
    await proc.exited;
  }

  /** Fault tests: freeze (SIGSTOP) or thaw (SIGCONT) a process, e.g. the database. */
  signal(name: string, signal: 'SIGSTOP' | 'SIGCONT'): void {
    process.kill(this.running(name).pid, signal);
  }

  /** Fault tests: start again a killed app or the Kafka broker (same data folder), and wait until it is ready. */
  async restart(name: string): Promise<void> {
    if (this.processes.some((p) => p.name === name && p.running())) throw new StackError(`${name} is still running`);
    if (name === 'kafka') {
      const kafkaDir = join(this.dir, 'kafka');
      const kafka = this.track(await startKafka({ ports: this.ports, dir: kafkaDir, logFile: join(this.logsDir, 'kafka.log') }), join(kafkaDir, 'server.properties'));
      await waitForKafka(kafka, this.brokers, 120_000);
      return;
    }
    const how = this.started.get(name);
    if (!how) throw new StackError(`cannot restart ${name}: not an app of this stack`);
    await this.startApp(how.app, how.probePath);
  }

  /** Call when start-up is over: from now on an exiting process is reported. */
  markReady(): void {
    this.ready = true;
  }

  /** gateway, services, Kafka, Mailpit, the database: each asked to stop (SIGTERM, so H2 closes its file), killed after a timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    const byName = (names: string[]) => this.processes.filter((p) => names.includes(p.name));
    const infra = ['gateway', 'kafka', 'mongo', 'mailpit'];
    const apps = this.processes.filter((p) => !infra.includes(p.name));
    for (const [group, timeoutMs] of [
      [byName(['gateway']), 10_000],
      [apps, 10_000],
      [byName(['kafka']), 30_000],
      [byName(['mailpit']), 10_000],
      [byName(['mongo']), 10_000],
    ] as const) {
      await Promise.all(group.map((p) => p.stop(timeoutMs)));
    }
    this.pidFile.write([]);
  }
}
