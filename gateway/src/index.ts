import { createLogger, exitOnStartupFailure, onShutdown } from '@verbatim/kit';
import { createGateway } from './app.js';
import { loadGatewayConfigOrExit } from './env.js';

async function main() {
  const config = loadGatewayConfigOrExit();
  const log = createLogger('gateway', config.LOG_LEVEL);
  const http = await createGateway(config, log);
  onShutdown(log, [['http', () => http.close()]]);
}

main().catch(exitOnStartupFailure(createLogger('gateway')));
