import { Transform, type TransformCallback } from 'node:stream';
import { ImportFileError } from '../domain/import-rows.js';

/** The upload passed the import size limit. */
export class PayloadTooLarge extends ImportFileError {
  constructor(readonly limit: number) {
    super(null, null, `The file is larger than the import limit of ${limit} bytes; split it into smaller files.`);
    this.name = 'PayloadTooLarge';
  }
}

/** The client's connection ended before the whole file arrived. */
export class UploadInterrupted extends ImportFileError {
  constructor() {
    super(null, null, 'The upload was interrupted before the end of the file; nothing was kept. Start a new import and send the file again.');
    this.name = 'UploadInterrupted';
  }
}

/** Whether a declared Content-Length already rules the upload out (checked before reading a byte). */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  if (contentLength === undefined) return false;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
}

/** Passes bytes through and fails with PayloadTooLarge as soon as more than `limit` have gone by. */
export function byteLimit(limit: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) done(new PayloadTooLarge(limit));
      else done(null, chunk);
    },
  });
}
