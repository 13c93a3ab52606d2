// Each benchmark starts its own stack (profile `bench`, fresh data) and stops it when done, also on Ctrl-C.
// The scripts run as `node --import tsx` (not the tsx CLI, which would SIGKILL this process 30 ms after
// relaying a signal, before the stack is stopped; see deploy/local/src/stack.ts).
import { graphqlUrl } from '../../deploy/local/src/apps.js';
import { seconds, StackError } from '../../deploy/local/src/say.js';
import { Stack } from '../../deploy/local/src/stack.js';

export interface BenchStack {
  stack: Stack;
  gatewayUrl: string;
}

async function startStack(): Promise<Stack> {
  const stack = new Stack({ profile: 'bench', fresh: true, logLevel: 'warn', allowMissing: false });
  current = stack;
  await stack.prepare(true);
  await stack.startInfra();
  await stack.startApps();
  stack.markReady();
  return stack;
}

/** The stack being started or running, for the signal handlers. */
let current: Stack | undefined;

/** Starts the whole stack on empty databases and topics, runs `body`, stops the stack whatever happens. */
export async function withBenchStack(body: (bench: BenchStack) => Promise<void>): Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= current?.size ? current.stop() : Promise.resolve());
  const onSignal = (signal: NodeJS.Signals) => void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('unhandledRejection', (err) => {
    process.stderr.write(`\n[bench] unhandled rejection: ${(err as Error).stack ?? String(err)}\n`);
    void stop().then(() => process.exit(1));
  });
  try {
    const started = Date.now();
    const stack = await startStack();
    process.stderr.write(`[bench] stack ready in ${seconds(started)} (logs in ${stack.logsDir})\n`);
    await body({ stack, gatewayUrl: graphqlUrl(stack.ports.gateway) });
  } catch (err) {
    // Said before stopping: stopping takes a while, and what is still in flight then fails too.
    const cause = (err as { cause?: unknown }).cause;
    process.stderr.write(`\n[bench] ${err instanceof StackError ? err.message : ((err as Error).stack ?? String(err))}${cause ? `\ncaused by: ${String((cause as Error).stack ?? cause)}` : ''}\n`);
    process.exitCode = 1;
  } finally {
    await stop();
  }
  if (process.exitCode) process.exit();
}
