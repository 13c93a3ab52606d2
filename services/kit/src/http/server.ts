import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
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
  /** A certificate chain and its private key (PEM): the server speaks https only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Runs before any GraphQL request is read, with the request's context (built once, then handed to
   * Apollo): a refusal is answered as is (e.g. 429 with Retry-After) and the request goes no further.
   */
  admit?: (req: IncomingMessage, context: C) => Promise<Refusal | undefined>;
}

/** A request turned away before GraphQL runs: its status, headers and one error with a stable code. */
export interface Refusal {
  status: number;
  headers?: Record<string, string>;
  code: string;
  message: string;
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

/** Answers a refusal as a GraphQL-shaped error body, with its status and headers. */
export function sendRefusal(res: ServerResponse, refusal: Refusal) {
  for (const [key, value] of Object.entries(refusal.headers ?? {})) res.setHeader(key, value);
  sendJson(res, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
}

function findRoute<C>(routes: Record<string, RouteHandler<C>>, pathname: string): RouteHandler<C> | undefined {
  const exact = routes[pathname];
  if (exact) return exact;
  for (const [path, route] of Object.entries(routes)) {
    if (path.endsWith('/*') && pathname.startsWith(path.slice(0, -1)) && pathname.length > path.length - 1) return route;
  }
  return undefined;
}

/**
 * GraphQL over HTTP: a client that accepts only the legacy `application/json` gets a document's
 * errors (parse, validation, variables) with status 200, as the spec says it should; a client accepting
 * `application/graphql-response+json` gets Apollo's 400. A malformed request (BAD_REQUEST) stays 400.
 */
function legacyStatus(status: number, contentType: string | undefined, body: string | undefined): number {
  if (status !== 400 || !contentType?.startsWith('application/json') || body === undefined) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? [];
    return errors.length > 0 && errors.every((e) => e.extensions?.code !== 'BAD_REQUEST') ? 200 : status;
  } catch {
    return status;
  }
}

/** GraphQL on /graphql plus /healthz, /readyz and any extra routes, on plain node:http. */
export async function startHttp<C extends BaseContext>(options: HttpOptions<C>): Promise<RunningHttp> {
  const { apollo, log } = options;
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  await apollo.start();

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);

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

    const context = await options.context(req);
    const refusal = await options.admit?.(req, context);
    if (refusal) return sendRefusal(res, refusal);

    let body: unknown;
    if (req.method === 'POST') {
      const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') {
        return sendJson(res, 415, { errors: [{ message: 'Send the operation as JSON, with "Content-Type: application/json".', extensions: { code: 'BAD_REQUEST' } }] });
      }
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
      context: () => Promise.resolve(context),
    });
    const complete = result.body.kind === 'complete' ? result.body.string : undefined;
    res.statusCode = legacyStatus(result.status ?? 200, result.headers.get('content-type'), complete);
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
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}/graphql`;
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
