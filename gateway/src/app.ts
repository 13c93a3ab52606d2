import { SUBGRAPHS, type SubgraphName } from '@verbatim/contracts';
import { createTokenVerifier, readTlsFiles, remoteKeys, sendRefusal, startHttp, type Logger, type RouteHandler, type RunningHttp } from '@verbatim/kit';
import { identifyCaller } from './caller.js';
import { subgraphUrlVariable, type GatewayConfig } from './env.js';
import { createGatewayServer, type GatewayContext } from './gateway.js';
import { IDENTITY_ROUTES, identityProxy } from './identity-proxy.js';
import { createRateLimits } from './rate-limits.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { PORTABILITY_ROUTE, portabilityProxy } from './portability-proxy.js';
import { UPLOAD_REQUEST_TIMEOUT_MS, UPLOAD_ROUTE, uploadProxy } from './upload-proxy.js';
import { webAppRoutes } from './web-app.js';

/** Limits count requests per minute. */
const RATE_WINDOW_SECONDS = 60;

/** Builds and starts the gateway on a validated config: http, or https when given a certificate. */
export async function createGateway(config: GatewayConfig, log: Logger): Promise<RunningHttp> {
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, config[subgraphUrlVariable(name)]])) as Record<SubgraphName, string>;
  const verifier = createTokenVerifier(remoteKeys(config.JWKS_URL), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const trusted = loadTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE);
  const rateLimits = createRateLimits({ perAddress: config.RATE_LIMIT_PER_ADDRESS, perClient: config.RATE_LIMIT_PER_CLIENT, windowSeconds: RATE_WINDOW_SECONDS });
  const tls = readTlsFiles(config);
  // The proxied routes (token endpoint, sessions, uploads) count against the caller's address too.
  const perAddress =
    (route: RouteHandler<GatewayContext>): RouteHandler<GatewayContext> =>
    async (req, res, context) => {
      const refusal = await rateLimits(req, { kind: 'anonymous' });
      return refusal ? sendRefusal(res, refusal) : route(req, res, context);
    };
  log.info({ trustedDocuments: trusted.size, tls: Boolean(tls), nodeEnv: config.NODE_ENV }, 'gateway configured');
  return startHttp<GatewayContext>({
    apollo: createGatewayServer({
      urls,
      log,
      maxDepth: config.MAX_QUERY_DEPTH,
      maxCost: config.MAX_QUERY_COST,
      trusted,
      introspection: config.NODE_ENV === 'production' ? 'never' : 'authenticated',
    }),
    port: config.PORT,
    host: config.HOST,
    log,
    ...(tls ? { tls } : {}),
    context: async (req) => ({
      authorization: req.headers.authorization,
      clientAddress: req.socket.remoteAddress,
      caller: await identifyCaller(verifier, req.headers.authorization),
    }),
    admit: (req, context) => rateLimits(req, context.caller),
    routes: {
      [UPLOAD_ROUTE]: perAddress(uploadProxy(config.INGESTION_URL, log)),
      [PORTABILITY_ROUTE]: perAddress(portabilityProxy(config.RIGHTS_URL, log)),
      ...Object.fromEntries(IDENTITY_ROUTES.map((route) => [route, perAddress(identityProxy(config.IDENTITY_URL, log))])),
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
}
