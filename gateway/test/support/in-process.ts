import { createServer } from 'node:net';
import { SUBGRAPHS } from '@verbatim/contracts';
import { createLogger, type RunningHttp } from '@verbatim/kit';
import { createGateway } from '../../src/app.js';
import { loadGatewayConfig, subgraphUrlVariable } from '../../src/env.js';

function subgraphUrl(name: string): string {
  const url = process.env[`TEST_${name.toUpperCase()}_URL`];
  if (!url) throw new Error(`TEST_${name.toUpperCase()}_URL is not set: run the tests with \`npm test\`.`);
  return url;
}

/** A port nobody listens on now (the config wants a real port number, not 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * A second gateway, in this process, on the test stack's real subgraphs, configured through the same
 * validated environment as main(): for limits and modes the stack's own gateway does not run with.
 */
export async function startGateway(env: Record<string, string>): Promise<RunningHttp> {
  const config = loadGatewayConfig({
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    JWKS_URL: new URL('/.well-known/jwks.json', subgraphUrl('identity')).toString(),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [subgraphUrlVariable(name), subgraphUrl(name)])),
    ...env,
  });
  return createGateway(config, createLogger('gateway', 'silent'));
}
