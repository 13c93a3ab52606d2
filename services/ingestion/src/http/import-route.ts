import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, sendJson, type RequestContext, type RouteHandler } from '@verbatim/kit';
import type { IngestionDeps } from '../domain/deps.js';
import { ImportFileError } from '../domain/import-rows.js';
import { describeImport, prepareUpload, runImport } from '../domain/imports.js';
import { byteLimit, declaredTooLarge, PayloadTooLarge, UploadInterrupted } from './upload-stream.js';

export const IMPORT_ROUTE = '/imports/*';
export const DEFAULT_IMPORT_MAX_BYTES = 2 * 1024 ** 3;
/** A 2 GiB file at a few MB/s takes minutes; Node's 5-minute default would cut it off. */
export const UPLOAD_REQUEST_TIMEOUT_MS = 60 * 60_000;

const statusOf: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IMPORT_NOT_PENDING: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_FAILED: 422,
};

function sendError(req: IncomingMessage, res: ServerResponse, code: string, message: string, extra: Record<string, unknown> = {}) {
  // Answering before the body was read: the rest of it is not wanted, so the connection is not reused.
  if (!req.complete) res.setHeader('connection', 'close');
  sendJson(res, statusOf[code] ?? 500, { errors: [{ message, extensions: { code } }], ...extra });
}

/**
 * POST /imports/<jobId> with the file as the raw body (the gateway streams it here). The token is
 * verified here again, the job must be PENDING in one of the caller's workspaces, and the body is read
 * as a stream through a byte limit, never buffered whole.
 */
export function importRoute(deps: IngestionDeps, options: { maxBytes: number }): RouteHandler<RequestContext> {
  return async (req, res, context) => {
    if (req.method !== 'POST') return sendError(req, res, 'METHOD_NOT_ALLOWED', 'Send the file with POST /imports/<id>.');
    const id = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice('/imports/'.length));
    try {
      const job = await prepareUpload(deps, await context(req), id);
      if (declaredTooLarge(req.headers['content-length'], options.maxBytes)) {
        return sendError(req, res, 'PAYLOAD_TOO_LARGE', new PayloadTooLarge(options.maxBytes).message);
      }
      const body = byteLimit(options.maxBytes);
      req.on('close', () => {
        if (!req.complete) body.destroy(new UploadInterrupted());
      });
      req.pipe(body);
      const { job: done, stoppedBy } = await runImport(deps, job, body);
      req.unpipe(body);
      const view = describeImport(done);
      if (done.status !== 'FAILED') {
        if (!req.complete) res.setHeader('connection', 'close');
        return sendJson(res, 200, { job: view });
      }
      if (stoppedBy instanceof PayloadTooLarge) return sendError(req, res, 'PAYLOAD_TOO_LARGE', stoppedBy.message, { job: view });
      if (stoppedBy && !(stoppedBy instanceof ImportFileError)) return sendError(req, res, 'INTERNAL_SERVER_ERROR', view.errors[0]!.reason, { job: view });
      return sendError(req, res, 'IMPORT_FAILED', 'The import failed and nothing was kept; job.errors says which lines and fields to fix.', { job: view });
    } catch (err) {
      if (err instanceof AppError) return sendError(req, res, err.code, err.message);
      deps.log.error({ err, importId: id }, 'import upload failed');
      return sendError(req, res, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side; the import was not applied. Try again later.');
    }
  };
}
