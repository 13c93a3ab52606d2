import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logger.js';

/** An extra HTTP route; `context` builds the same request context GraphQL resolvers get (e.g. the verified caller). */
export type RouteHandler<C = unknown> = (req: IncomingMessage, res: ServerResponse, context: (req: IncomingMessage) => Promise<C>) => void | Promise<void>;

export interface HttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  port: number;
  host?: string;
  log: Logger;
  context: (req: IncomingMessage) => Promise<C>;
  /** /readyz answers 200 only when every check passes. */
  readiness: Record<string, () => boolean | Promise<boolean>>;
  /** Exact paths, or prefixes ending in `/*` (`/imports/*` serves `/imports/<id>`). */
  routes?: Record<string, RouteHandler<C>>;
  maxBodyBytes?: number;
  /** Longest time to receive one whole request (Node's default is 5 minutes); raise it for file uploads. */
  requestTimeoutMs?: number;
}

export interface RunningHttp {
  url: string;
  server: Server;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function findRoute<C>(routes: Record<string, RouteHandler<C>>, pathname: string): RouteHandler<C> | undefined {
  const exact = routes[pathname];
  if (exact) return exact;
  for (const [path, route] of Object.entries(routes)) {
    if (path.endsWith('/*') && pathname.startsWith(path.slice(0, -1)) && pathname.length > path.length - 1) return route;
  }
  return undefined;
}

/** GraphQL on /graphql plus /healthz, /readyz and any extra routes, on plain node:http. */
export async function startHttp<C extends BaseContext>(options: HttpOptions<C>): Promise<RunningHttp> {
  const { apollo, log } = options;
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  await apollo.start();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const results = await Promise.all(
        Object.entries(options.readiness).map(async ([name, check]) => [name, await Promise.resolve(check()).catch(() => false)] as const),
      );
      const ok = results.every(([, r]) => r);
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
    }
    const route = findRoute(options.routes ?? {}, url.pathname);
    if (route) return route(req, res, options.context);
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    let body: unknown;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, limit);
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          return sendJson(res, 413, { errors: [{ message: `Request body over ${limit} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        throw err;
      }
      try {
        body = raw.length ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: () => options.context(req),
    });
    res.statusCode = result.status ?? 200;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}/graphql`;
  log.info({ url }, 'listening');
  return {
    url,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
