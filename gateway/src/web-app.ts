import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { sendJson, type RouteHandler } from '@verbatim/kit';

/**
 * The built web app (web/, `vite build`) on the gateway's own origin: `/` is its index.html and
 * `/assets/*` its hashed files, so the app reaches /graphql and /imports/<id> without CORS. The app
 * routes with the URL's hash, so no other path needs a fallback.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function webAppRoutes(dir: string): Record<string, RouteHandler> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`WEB_DIR ${dir} has no index.html: build the web app first (vite build).`);
  const serve = sirv(dir, {
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader('content-security-policy', contentSecurityPolicy);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      // Asset names carry their content's hash; index.html must be revalidated to pick up a new build.
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const handler: RouteHandler = (req, res) =>
    serve(req, res, () => sendJson(res, 404, { errors: [{ message: 'No such file in the web app.', extensions: { code: 'NOT_FOUND' } }] }));
  return { '/': handler, '/index.html': handler, '/assets/*': handler };
}
