import { CLIENT_ADDRESS_HEADER, sendJson, type Logger, type RouteHandler } from '@verbatim/kit';

export const OAUTH_TOKEN_ROUTE = '/oauth/token';
const MAX_BODY_BYTES = 8 * 1024;
/** Headers the token endpoint needs; nothing else of the caller's request is passed on. */
const forwarded = ['authorization', 'content-type'] as const;

/**
 * POST /oauth/token on the gateway's origin, relayed to identity's own endpoint (partners see one
 * origin). Bodies are tiny forms, so they are read whole; the answer is passed back unchanged.
 */
export function oauthTokenProxy(identityGraphqlUrl: string, log: Logger): RouteHandler {
  const target = new URL(OAUTH_TOKEN_ROUTE, identityGraphqlUrl);
  return async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return sendJson(res, 400, { error: 'invalid_request', error_description: `The body is over ${MAX_BODY_BYTES} bytes.` });
      chunks.push(chunk as Buffer);
    }
    const headers: Record<string, string> = {};
    for (const name of forwarded) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (req.socket.remoteAddress) headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    try {
      const answer = await fetch(target, { method: req.method ?? 'POST', headers, ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}), signal: AbortSignal.timeout(10_000) });
      res.statusCode = answer.status;
      for (const name of ['content-type', 'cache-control', 'www-authenticate']) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      log.warn({ err }, 'token request to identity failed');
      sendJson(res, 502, { error: 'temporarily_unavailable', error_description: 'The token service did not answer; try again.' });
    }
  };
}
