import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { AppError, sendJson, type Logger, type RequestContext, type RouteHandler } from '@verbatim/kit';
import { login } from '../domain/accounts.js';
import type { IdentityDeps } from '../domain/deps.js';
import { newSecret } from '../domain/secrets.js';
import { logout, refreshSession, type AuthResult } from '../domain/sessions.js';

/**
 * The web app's sign-in without handing the refresh token to page scripts: it lives in an httpOnly,
 * Secure, SameSite=Strict cookie; a second, readable cookie holds a CSRF token that every state-changing
 * call must repeat in the `x-csrf-token` header (double submit), which another site cannot read.
 */
export const SESSION_ROUTES = '/session/*';
export const REFRESH_COOKIE = '__Host-vb_refresh';
export const CSRF_COOKIE = '__Host-vb_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const MAX_BODY_BYTES = 8 * 1024;

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, REFRESH_TOKEN_REUSED: 401, CSRF_FAILED: 403, ACCOUNT_RESTRICTED: 403, FORBIDDEN: 403, RATE_LIMITED: 429, SERVICE_BUSY: 503 };

function setCookies(res: ServerResponse, refreshToken: string | null, refreshExpiresAt?: string) {
  const base = { path: '/', secure: true, sameSite: 'strict' as const };
  const expires = refreshToken && refreshExpiresAt ? new Date(refreshExpiresAt) : new Date(0);
  res.setHeader('set-cookie', [
    stringifySetCookie({ ...base, name: REFRESH_COOKIE, value: refreshToken ?? '', httpOnly: true, expires }),
    stringifySetCookie({ ...base, name: CSRF_COOKIE, value: refreshToken ? newSecret() : '', httpOnly: false, expires }),
  ]);
}

/** The access token goes to the page (kept in memory); the refresh token only in the cookie. */
function answerSession(res: ServerResponse, session: AuthResult) {
  setCookies(res, session.refreshToken, session.refreshExpiresAt);
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, { accessToken: session.accessToken, expiresAt: session.expiresAt, userId: session.user._id });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('BAD_USER_INPUT', `The body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  } catch {
    throw new AppError('BAD_USER_INPUT', 'The body must be JSON.');
  }
}

const cookiesOf = (req: IncomingMessage) => parseCookie(req.headers.cookie ?? '');

function checkCsrf(req: IncomingMessage): void {
  const cookie = cookiesOf(req)[CSRF_COOKIE] ?? '';
  const header = req.headers[CSRF_HEADER];
  const given = typeof header === 'string' ? header : '';
  if (!cookie || cookie.length !== given.length || !timingSafeEqual(Buffer.from(cookie), Buffer.from(given))) {
    throw new AppError('CSRF_FAILED', `Repeat the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`);
  }
}

/** POST /session/login (JSON email and password), /session/refresh and /session/logout (cookie + CSRF header). */
export function sessionCookieRoutes(deps: IdentityDeps, log: Logger): RouteHandler<RequestContext> {
  const actions: Record<string, (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void>> = {
    '/session/login': async (req, res, ctx) => answerSession(res, await login(deps, ctx, await readJson(req))),
    '/session/refresh': async (req, res) => {
      checkCsrf(req);
      answerSession(res, await refreshSession(deps, { refreshToken: cookiesOf(req)[REFRESH_COOKIE] ?? '' }));
    },
    '/session/logout': async (req, res) => {
      checkCsrf(req);
      const refresh = cookiesOf(req)[REFRESH_COOKIE] ?? '';
      const sessionId = refresh.split('.')[0] ?? '';
      const session = sessionId ? await deps.sessions.findById(sessionId) : null;
      if (session) await logout(deps, { userId: session.userId, workspaces: {}, sessionId: session._id, platformRoles: [] });
      setCookies(res, null);
      sendJson(res, 200, { loggedOut: true });
    },
  };
  return async (req, res, context) => {
    const action = actions[new URL(req.url ?? '/', 'http://localhost').pathname];
    if (!action || req.method !== 'POST') return sendJson(res, 404, { errors: [{ message: 'POST to /session/login, /session/refresh or /session/logout.', extensions: { code: 'NOT_FOUND' } }] });
    try {
      await action(req, res, await context(req));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'REFRESH_TOKEN_REUSED' || err.code === 'UNAUTHENTICATED') setCookies(res, null);
      log.info({ code: err.code }, 'session route refused');
      sendJson(res, STATUS[err.code] ?? 400, { errors: [{ message: err.message, extensions: { code: err.code, ...(err.details ? { details: err.details } : {}) } }] });
    }
  };
}
