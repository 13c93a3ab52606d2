import { CLIENT_ADDRESS_HEADER, sendJson, type Logger, type RouteHandler } from '@verbatim/kit';

/** Identity's HTTP routes served on the gateway's origin: partners' token endpoint and the web app's cookie sessions. */
export const IDENTITY_ROUTES = ['/oauth/token', '/session/*'] as const;
const MAX_BODY_BYTES = 8 * 1024;
/** Headers those routes need; nothing else of the caller's request is passed on. */
const forwarded = ['authorization', 'content-type', 'cookie', 'x-csrf-token'] as const;
const returned = ['content-type', 'cache-control', 'www-authenticate'] as const;

/**
 * Relays a request to the same path at identity, with the caller's address (x-client-address, set,
 * never taken from the caller). Bodies are small forms or JSON, so they are read whole; the answer,
 * with its cookies, is passed back unchanged.
 */
export function identityProxy(identityGraphqlUrl: string, log: Logger): RouteHandler {
  return async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return sendJson(res, 413, { errors: [{ message: `Request body over ${MAX_BODY_BYTES} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      chunks.push(chunk as Buffer);
    }
    const headers: Record<string, string> = {};
    for (const name of forwarded) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (req.socket.remoteAddress) headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      const answer = await fetch(new URL(path, identityGraphqlUrl), {
        method: req.method ?? 'POST',
        headers,
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      res.statusCode = answer.status;
      for (const name of returned) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      const cookies = answer.headers.getSetCookie();
      if (cookies.length) res.setHeader('set-cookie', cookies);
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      log.warn({ err, path }, 'request to identity failed');
      sendJson(res, 502, { errors: [{ message: 'The identity service did not answer; try again.', extensions: { code: 'BAD_GATEWAY' } }] });
    }
  };
}
