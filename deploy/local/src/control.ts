import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Stack } from './stack.js';

/**
 * The test stack's control endpoint, for the fault tests (test/faults): POST /<process>/<action> with
 * action kill (SIGKILL, as a crash), restart (start it again and wait until ready), pause (SIGSTOP) or
 * resume (SIGCONT). It answers when the action is over: 204, or 409 with the reason. Loopback only, on
 * a port of the system's choosing, given to jest as TEST_STACK_CONTROL_URL.
 */
export async function startControl(stack: Stack): Promise<{ url: string; server: Server }> {
  const actions: Record<string, (name: string) => Promise<void>> = {
    kill: (name) => stack.kill(name),
    restart: (name) => stack.restart(name),
    pause: async (name) => stack.signal(name, 'SIGSTOP'),
    resume: async (name) => stack.signal(name, 'SIGCONT'),
  };
  const server = createServer((req, res) => {
    const [, name = '', action = ''] = (req.url ?? '').split('/');
    const run = actions[action];
    if (req.method !== 'POST' || !name || !run) {
      res.writeHead(404).end('POST /<process>/kill|restart|pause|resume\n');
      return;
    }
    run(name).then(
      () => res.writeHead(204).end(),
      (err: Error) => res.writeHead(409, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
