import { SUBGRAPHS, type SubgraphName } from '@verbatim/contracts';
import { createLogger, exitOnStartupFailure, onShutdown, startHttp } from '@verbatim/kit';
import { loadGatewayConfig, subgraphUrlVariable } from './env.js';
import { createGatewayServer } from './gateway.js';
import { IDENTITY_ROUTES, identityProxy } from './identity-proxy.js';
import { PORTABILITY_ROUTE, portabilityProxy } from './portability-proxy.js';
import { UPLOAD_REQUEST_TIMEOUT_MS, UPLOAD_ROUTE, uploadProxy } from './upload-proxy.js';
import { webAppRoutes } from './web-app.js';

async function main() {
  const config = loadGatewayConfig();
  const log = createLogger('gateway', config.LOG_LEVEL);
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, config[subgraphUrlVariable(name)]])) as Record<SubgraphName, string>;
  const http = await startHttp({
    apollo: createGatewayServer({ urls, log, maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST }),
    port: config.PORT,
    host: config.HOST,
    log,
    context: async (req) => ({ authorization: req.headers.authorization, clientAddress: req.socket.remoteAddress }),
    routes: {
      [UPLOAD_ROUTE]: uploadProxy(config.INGESTION_URL, log),
      [PORTABILITY_ROUTE]: portabilityProxy(config.RIGHTS_URL, log),
      ...Object.fromEntries(IDENTITY_ROUTES.map((route) => [route, identityProxy(config.IDENTITY_URL, log)])),
      ...(config.WEB_DIR ? webAppRoutes(config.WEB_DIR) : {}),
    },
    requestTimeoutMs: UPLOAD_REQUEST_TIMEOUT_MS,
    readiness: Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [
        name,
        async () => (await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2_000) })).ok,
      ]),
    ),
  });
  onShutdown(log, [['http', () => http.close()]]);
}

main().catch(exitOnStartupFailure(createLogger('gateway')));
