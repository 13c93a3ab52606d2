import { sendJson, type Logger, type RouteHandler } from '@verbatim/kit';

/** Rights' single-use archive downloads, served on the gateway's origin (the path portabilityOutcome gives). */
export const PORTABILITY_ROUTE = '/portability/archives/*';
const returned = ['content-type', 'content-disposition', 'cache-control', 'x-archive-sha256'] as const;

/**
 * Relays GET /portability/archives/<link> to rights and its answer back. The signed link in the path is
 * the whole credential, so no header of the caller's is passed on. Archives are small (one person's
 * provided data), so the answer is read whole.
 */
export function portabilityProxy(rightsGraphqlUrl: string, log: Logger): RouteHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Download the archive with GET.' } });
    try {
      const answer = await fetch(new URL(path, rightsGraphqlUrl), { signal: AbortSignal.timeout(30_000) });
      res.statusCode = answer.status;
      for (const name of returned) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      log.warn({ err }, 'request to rights failed');
      sendJson(res, 502, { error: { code: 'BAD_GATEWAY', message: 'The rights service did not answer; the link was not used. Try again.' } });
    }
  };
}
