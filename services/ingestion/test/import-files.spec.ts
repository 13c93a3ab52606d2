import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import { ImportFileError, rowsOf } from '../src/domain/import-rows.js';
import { byteLimit, declaredTooLarge, PayloadTooLarge } from '../src/http/upload-stream.js';
import type { ImportColumns, ImportFormat } from '../src/model/import-job.schema.js';

async function collect(format: ImportFormat, text: string, columns: ImportColumns | null = null, chunk = 5) {
  const pieces: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunk) pieces.push(Buffer.from(text.slice(i, i + chunk)));
  const rows = [];
  for await (const row of rowsOf(format, columns, Readable.from(pieces))) rows.push(row);
  return rows;
}

async function fileErrorOf(format: ImportFormat, text: string, columns: ImportColumns | null = null): Promise<ImportFileError> {
  try {
    await collect(format, text, columns);
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('reading import files as streams', () => {
  test('CSV rows are mapped by header name, empty optional cells become null, and each row keeps its line', async () => {
    const rows = await collect('CSV', 'id,body,ref,mail\n"a-1","x, y",r1,\na-2,"two\nlines",r2,b@example.com\n', { externalId: 'id', text: 'body', consentRef: 'ref', email: 'mail' });
    expect(rows).toEqual([
      { line: 2, value: { externalId: 'a-1', text: 'x, y', consentRef: 'r1', email: null } },
      { line: 4, value: { externalId: 'a-2', text: 'two\nlines', consentRef: 'r2', email: 'b@example.com' } },
    ]);
  });

  test.each([
    ['a required column missing from the header', 'externalId,consentRef\na,b\n', null, 'text'],
    ['a mapped optional column missing from the header', 'externalId,text,consentRef\na,b,c\n', { email: 'mail' }, 'email'],
  ])('CSV: %s is refused on line 1 with the field', async (_case, text, columns, field) => {
    const err = await fileErrorOf('CSV', text, columns);
    expect({ line: err.line, field: err.field }).toEqual({ line: 1, field });
  });

  test('CSV: a row with a different number of cells is refused with its line', async () => {
    const err = await fileErrorOf('CSV', 'externalId,text,consentRef\na,b,c\nd,e\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^Not valid CSV/);
  });

  test('NDJSON: blank lines are skipped, a line that is not JSON becomes a row problem, later lines still come', async () => {
    const rows = await collect('NDJSON', '{"a":1}\n\n{oops\n{"a":2}');
    expect(rows).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: undefined, problem: 'This line is not valid JSON.' },
      { line: 4, value: { a: 2 } },
    ]);
  });

  test('JSON: array elements come one by one with their position; a truncated array is refused', async () => {
    expect(await collect('JSON', '[{"a":1},{"a":2}]', null, 3)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
    expect((await fileErrorOf('JSON', '[{"a":1},{"a"')).message).toMatch(/^Not a valid JSON array/);
  });
});

describe('the upload size limit', () => {
  test.each([
    [undefined, false],
    ['100', false],
    ['101', true],
    ['not a number', false],
  ])('Content-Length %s against a limit of 100 is too large: %s', (declared, expected) => {
    expect(declaredTooLarge(declared, 100)).toBe(expected);
  });

  test('passes a body of exactly the limit and fails on the first byte past it', async () => {
    const sink = () => new Writable({ write: (_c, _e, done) => done() });
    await expect(pipeline(Readable.from([Buffer.alloc(60), Buffer.alloc(40)]), byteLimit(100), sink())).resolves.toBeUndefined();
    await expect(pipeline(Readable.from([Buffer.alloc(60), Buffer.alloc(41)]), byteLimit(100), sink())).rejects.toBeInstanceOf(PayloadTooLarge);
  });
});
