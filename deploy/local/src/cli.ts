// The stack runner behind `npm start` (up), `npm test` (test) and `pnpm run stack infra`.
// Usually reached through deploy/local/bootstrap.mjs, which installs the workspace first.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SERVICES } from '@verbatim/contracts';
import { graphqlUrl, webAppUrl } from './apps.js';
import { startControl } from './control.js';
import { jestChild, runJest, type JestOutcome } from './jest.js';
import { smtpUrl } from './mailpit.js';
import { root } from './paths.js';
import { say, seconds, StackError } from './say.js';
import { Stack } from './stack.js';
import { unindexedQueries } from './query-audit.js';

const [command = 'up', ...rawArgs] = process.argv.slice(2);
// `npm test -- x` and `pnpm run stack test -- x` may pass the separator through.
const args = rawArgs[0] === '--' ? rawArgs.slice(1) : rawArgs;
const allowMissing = process.env['STACK_PARTIAL'] === '1';

// bootstrap.mjs sends its signals to this pid (see there why not to the whole process group).
const pidFile = process.env['STACK_PID_FILE'];
if (pidFile) {
  writeFileSync(pidFile, String(process.pid));
  process.on('exit', () => rmSync(pidFile, { force: true }));
}

let current: Stack | undefined;
let stopping: Promise<void> | undefined;

function stopAndExit(code: number): Promise<never> {
  stopping ??= (async () => {
    if (current?.size) {
      say('stopping…');
      const started = Date.now();
      await current.stop();
      say(`stopped in ${seconds(started)}`);
    }
  })();
  return stopping.then(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // During the test run, jest gets the signal first; the test flow stops the stack after it exits.
    if (jestChild) {
      jestChild.kill(signal);
      return;
    }
    if (stopping) return;
    void stopAndExit(signal === 'SIGINT' ? 130 : 143);
  });
}

const rel = (p: string) => relative(root, p) || '.';

async function up(): Promise<void> {
  const started = Date.now();
  const stack = (current = new Stack({ profile: 'dev', fresh: false, logLevel: 'info', allowMissing }));
  await stack.prepare(true);
  say(`data in ${rel(stack.dir)}/ (kept between runs); logs in ${rel(stack.logsDir)}/<process>.log`);
  await stack.startInfra();
  say(`database, Kafka and Mailpit ready in ${seconds(started)}`);
  await stack.startApps();
  stack.markReady();
  say(`Verbatim is up: web app ${webAppUrl(stack.ports.gateway)}, graph ${graphqlUrl(stack.ports.gateway)} (started in ${seconds(started)}), mail inbox: ${stack.mailpitUrl}. Ctrl-C stops it.`);
  await new Promise(() => undefined);
}

async function infra(): Promise<void> {
  const started = Date.now();
  const stack = (current = new Stack({ profile: 'dev', fresh: false, logLevel: 'info', allowMissing }));
  await stack.prepare(false);
  say(`data in ${rel(stack.dir)}/; logs in ${rel(stack.logsDir)}/`);
  await stack.startInfra();
  stack.markReady();
  say(`infrastructure up in ${seconds(started)}: MONGO_URL=${stack.mongoUrl('<database>')} KAFKA_BROKERS=${stack.brokers.join(',')} SMTP_URL=${smtpUrl(stack.ports.mail.smtp)} (inbox ${stack.mailpitUrl}). Ctrl-C stops it.`);
  await new Promise(() => undefined);
}

async function test(): Promise<void> {
  const t0 = Date.now();
  const stack = (current = new Stack({ profile: 'test', fresh: true, logLevel: 'warn', allowMissing }));
  await stack.prepare(true);
  say(`test stack: fresh data in ${rel(stack.dir)}/, logs in ${rel(stack.logsDir)}/<process>.log`);
  await stack.startInfra();
  const t1 = Date.now();
  await stack.startApps();
  stack.markReady();
  const t2 = Date.now();
  say(`stack ready (infrastructure ${((t1 - t0) / 1000).toFixed(1)} s, services ${((t2 - t1) / 1000).toFixed(1)} s); running jest`);

  const env: Record<string, string> = {
    TEST_MONGO_URL: stack.mongoUrl('test'),
    TEST_KAFKA_BROKERS: stack.brokers.join(','),
    TEST_GATEWAY_URL: graphqlUrl(stack.ports.gateway),
    TEST_WEB_URL: webAppUrl(stack.ports.gateway),
    ...(stack.ports.fakeLlm ? { TEST_FAKE_LLM_URL: `http://127.0.0.1:${stack.ports.fakeLlm}` } : {}),
    TEST_SMTP_URL: smtpUrl(stack.ports.mail.smtp),
    TEST_MAILPIT_URL: stack.mailpitUrl,
  };
  for (const name of SERVICES) {
    env[`TEST_${name.toUpperCase()}_URL`] = graphqlUrl(stack.ports.services[name]);
    env[`TEST_MONGO_URL_${name.toUpperCase()}`] = stack.mongoUrl(`verbatim_${name}`);
  }
  const control = await startControl(stack);
  env['TEST_STACK_CONTROL_URL'] = control.url;
  const outcome = await runTestRuns(args, env, stack.dir);
  control.server.close();
  const t3 = Date.now();
  await stack.stop();
  current = undefined;
  const t4 = Date.now();
  const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
  say(`timings: infrastructure ${s(t0, t1)}, services ${s(t1, t2)}, tests ${s(t2, t3)}, stop ${s(t3, t4)}, total ${s(t0, t4)}`);
  if (outcome.brokenSuites) say(`${outcome.brokenSuites} test suite(s) failed to run (counted as failed below)`);
  if (outcome.counted) process.stdout.write(`${outcome.passed} passed, ${outcome.failed + outcome.brokenSuites} failed\n`);
  const scans = unindexedQueries(stack.queryAuditDir);
  if (scans.length) {
    say(`${scans.length} query shape(s) ran that no declared index serves (a collection scan on MongoDB): declare an index for each, or declareWholeCollectionReads for a tiny collection read whole:\n  ${scans.join('\n  ')}`);
    // Only a full run has exercised every path; a run of a few files still lists what it saw.
    if (!args.length) process.exit(outcome.code || 1);
  }
  process.exit(outcome.code);
}

/**
 * Tests that change the shared stack for everyone run in a second jest run after every other test, one file
 * at a time: the fault tests kill and pause its processes; web/test/serial publishes a policy version that
 * blocks every user until acknowledged.
 */
const SERIAL_DIRS = ['test/faults', 'web/test/serial'];

/** Paths among the arguments choose which runs happen. */
async function runTestRuns(jestArgs: string[], env: Record<string, string>, dir: string): Promise<JestOutcome> {
  const paths = jestArgs.filter((a) => !a.startsWith('-') && existsSync(join(root, a)));
  const flags = jestArgs.filter((a) => !paths.includes(a));
  const isFault = (p: string) => SERIAL_DIRS.some((d) => relative(root, join(root, p)).startsWith(d));
  const serialDirs = SERIAL_DIRS.filter((d) => existsSync(join(root, d)));
  const faultPaths = paths.filter(isFault);
  const otherPaths = paths.filter((p) => !isFault(p));
  const runs: string[][] = [];
  if (!paths.length || otherPaths.length) runs.push([...flags, ...otherPaths, `--testPathIgnorePatterns=/(${SERIAL_DIRS.join('|')})/`]);
  if ((!paths.length && serialDirs.length) || faultPaths.length) runs.push([...flags, ...(faultPaths.length ? faultPaths : serialDirs), '--runInBand']);
  const total: JestOutcome = { code: 0, counted: false, passed: 0, failed: 0, brokenSuites: 0 };
  for (const [i, run] of runs.entries()) {
    const o = await runJest(run, env, join(dir, `jest-results-${i}.json`));
    total.code ||= o.code;
    total.counted ||= o.counted;
    total.passed += o.passed;
    total.failed += o.failed;
    total.brokenSuites += o.brokenSuites;
  }
  return total;
}

const commands: Record<string, () => Promise<void>> = { up, infra, test };
const run = commands[command];
if (!run) {
  process.stderr.write(`Unknown command "${command}". Use: up | test | infra\n`);
  process.exit(2);
}
try {
  await run();
} catch (err) {
  if (!stopping) {
    process.stderr.write(`\n[verbatim] ${err instanceof StackError ? err.message : (err as Error).stack ?? String(err)}\n\n`);
  }
  await stopAndExit(1);
}
