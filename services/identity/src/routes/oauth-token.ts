import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Logger, type RouteHandler } from '@verbatim/kit';
import { issueClientToken } from '../domain/api-clients.js';
import type { IdentityDeps } from '../domain/deps.js';

export const OAUTH_TOKEN_ROUTE = '/oauth/token';
const MAX_BODY_BYTES = 8 * 1024;

/** RFC 6749 §5.2: errors are JSON with `error`, never cached. */
function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  res.setHeader('cache-control', 'no-store');
  if (error === 'invalid_client') res.setHeader('www-authenticate', 'Basic realm="verbatim"');
  sendJson(res, status, { error, error_description: description });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Client authentication by HTTP Basic (RFC 6749 §2.3.1, form-urlencoded parts) or by body parameters. */
function credentials(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : null;
}

/** POST /oauth/token, form-encoded, grant_type=client_credentials (RFC 6749 §4.4). */
export function oauthTokenRoute(deps: IdentityDeps, log: Logger): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'POST') return oauthError(res, 405, 'invalid_request', 'Send POST with an application/x-www-form-urlencoded body.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const form = await readForm(req);
    if (!form) return oauthError(res, 400, 'invalid_request', `The body is over ${MAX_BODY_BYTES} bytes.`);
    if (form.get('grant_type') !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
    const client = credentials(req, form);
    if (!client) return oauthError(res, 401, 'invalid_client', 'Authenticate with HTTP Basic (client id and secret) or client_id and client_secret.');
    const outcome = await issueClientToken(deps, client.id, client.secret, form.get('scope') ?? undefined);
    if (!outcome.ok) {
      log.info({ error: outcome.error }, 'client token refused');
      return oauthError(res, outcome.error === 'invalid_client' ? 401 : 400, outcome.error, outcome.description);
    }
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, { access_token: outcome.accessToken, token_type: 'Bearer', expires_in: outcome.expiresIn, scope: outcome.scope });
  };
}
