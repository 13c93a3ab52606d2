import { sendJson, type RouteHandler } from '@verbatim/kit';
import type { RightsDeps } from '../domain/deps.js';
import { PORTABILITY_DOWNLOAD_PATH, takeArchive } from '../domain/portability.js';

export const PORTABILITY_ARCHIVE_ROUTE = `${PORTABILITY_DOWNLOAD_PATH}/*`;

/**
 * GET <PORTABILITY_DOWNLOAD_PATH>/<link>: the archive as a zip, once. The signed link is the
 * credential (no session needed, so it can be opened in a browser); a reused, expired or forged link
 * gets a JSON error with a stable code.
 */
export function portabilityArchiveRoute(deps: RightsDeps): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Download the archive with GET.' } });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const link = decodeURIComponent(path.slice(PORTABILITY_DOWNLOAD_PATH.length + 1));
    const result = await takeArchive(deps, link);
    if ('refused' in result) return sendJson(res, result.refused.status, { error: { code: result.refused.code, message: result.refused.message } });
    res.statusCode = 200;
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', 'attachment; filename="verbatim-portability.zip"');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-archive-sha256', result.archive.sha256);
    res.end(Buffer.from(result.archive.zip));
  };
}
