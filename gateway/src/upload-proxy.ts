import { request, type OutgoingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendJson, type Logger, type RouteHandler } from '@verbatim/kit';

export const UPLOAD_ROUTE = '/imports/*';
/** Uploads of large files outlast Node's 5-minute request timeout (ingestion allows the same). */
export const UPLOAD_REQUEST_TIMEOUT_MS = 60 * 60_000;
const uploadPath = /^\/imports\/[0-9a-f-]{36}$/i;
/** Headers the ingestion service needs; nothing else of the caller's request is passed on. */
const forwarded = ['authorization', 'content-type', 'content-length'] as const;

/**
 * POST /imports/<jobId>: streams the caller's file to ingestion's own /imports/<jobId> and streams its
 * answer back. Nothing is buffered: `pipe` keeps backpressure from ingestion (which parses and writes as
 * it reads) all the way to the caller's socket. Ingestion checks the token, the job and the size itself.
 */
export function uploadProxy(ingestionUrl: string, log: Logger): RouteHandler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || !uploadPath.test(path)) {
        sendJson(res, 404, { errors: [{ message: 'Send the file with POST to the uploadPath of a startImport job.', extensions: { code: 'NOT_FOUND' } }] });
        return resolve();
      }
      const headers: OutgoingHttpHeaders = {};
      for (const name of forwarded) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
      const upstream = request(new URL(path, ingestionUrl), { method: 'POST', headers });
      let answered = false;

      upstream.on('response', (answer) => {
        answered = true;
        // Ingestion may answer before the end of the file (too large, too many bad rows): stop sending.
        const early = !req.complete;
        res.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/json; charset=utf-8',
          ...(early ? { connection: 'close' } : {}),
        });
        pipeline(answer, res)
          .catch((err: unknown) => log.warn({ err }, 'upload answer not delivered'))
          .finally(() => {
            if (early) {
              req.unpipe(upstream);
              upstream.destroy();
            }
            resolve();
          });
      });
      upstream.on('error', (err) => {
        if (answered) return;
        log.warn({ err }, 'upload to ingestion failed');
        if (!res.headersSent) {
          res.setHeader('connection', 'close');
          sendJson(res, 502, { errors: [{ message: 'The import service did not answer; nothing was kept. Try again.', extensions: { code: 'BAD_GATEWAY' } }] });
        }
        resolve();
      });
      // The caller went away mid-file: cut the upstream request too, so ingestion fails the job cleanly.
      req.on('close', () => {
        if (!req.complete && !answered) upstream.destroy();
      });
      req.pipe(upstream);
    });
}
