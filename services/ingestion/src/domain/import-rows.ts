import { pipeline, type Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import split2 from 'split2';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import type { ImportColumns, ImportFormat } from '../model/import-job.schema.js';
import { MAX_TEXT } from './responses.js';

/** One record of the file, not yet validated, with the line (or array position) it came from. */
export interface RawRow {
  line: number;
  value: unknown;
  /** Set when the record could not even be decoded (an NDJSON line that is not JSON). */
  problem?: string;
}

/** The file itself cannot be read further: malformed, truncated, wrong format or unknown column. */
export class ImportFileError extends Error {
  constructor(
    readonly line: number | null,
    readonly field: string | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'ImportFileError';
  }
}

export const FIELDS = ['externalId', 'email', 'name', 'text', 'consentRef', 'submittedAt'] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: ReadonlySet<Field> = new Set(['externalId', 'text', 'consentRef']);

/**
 * Bounds what a parser may buffer for one record, so a file without line breaks or a huge value cannot
 * grow memory: room for a maximal text (4 bytes a character) plus the other fields.
 */
export const MAX_RECORD_BYTES = MAX_TEXT * 4 + 4_096;

/** Which CSV column index holds each field; unknown or missing required columns are refused. */
export function columnIndexes(header: string[], columns: ImportColumns | null): Map<Field, number> {
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  const out = new Map<Field, number>();
  for (const field of FIELDS) {
    const chosen = columns?.[field];
    const name = chosen ?? field;
    const index = at.get(name);
    if (index !== undefined) out.set(field, index);
    else if (chosen || REQUIRED.has(field)) {
      throw new ImportFileError(1, field, `The header has no column "${name}" for ${field}; its columns are ${header.map((h) => `"${h}"`).join(', ')}. Map the columns with startImport's columns input.`);
    }
  }
  return out;
}

function fileError(err: unknown, line: number | null): unknown {
  if (err instanceof ImportFileError || !(err instanceof Error)) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return err;
  // Parser errors (csv-parse's CsvError, stream-json's, split2's overflow) say what is wrong with the file.
  if (/^CSV_|^INVALID_OPENING_QUOTE/.test(code ?? '') || err.name === 'CsvError') {
    return new ImportFileError((err as { lines?: number }).lines ?? line, null, `Not valid CSV: ${err.message}`);
  }
  if (err.message.includes('maximum buffer')) return new ImportFileError(line, null, `A line is longer than ${MAX_RECORD_BYTES} bytes.`);
  if (/Parser|JSON|expected|Top-level/i.test(err.message)) return new ImportFileError(line, null, `Not a valid JSON array of responses: ${err.message}`);
  return err;
}

async function* csvRows(input: Readable, columns: ImportColumns | null): AsyncGenerator<RawRow> {
  const parser = pipeline(input, parseCsv({ info: true, bom: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }), () => undefined);
  let indexes: Map<Field, number> | undefined;
  let line = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (!indexes) {
        indexes = columnIndexes(record, columns);
        continue;
      }
      const value: Record<string, string | null> = {};
      for (const [field, index] of indexes) {
        const cell = record[index] ?? '';
        value[field] = cell === '' && !REQUIRED.has(field) ? null : cell;
      }
      yield { line, value };
    }
  } catch (err) {
    throw fileError(err, line + 1);
  }
  if (!indexes) throw new ImportFileError(null, null, 'The file is empty: a CSV import needs a header line and at least one row.');
}

async function* ndjsonRows(input: Readable): AsyncGenerator<RawRow> {
  // split2 gives one string per line and refuses a line over maxLength instead of buffering it.
  const lines = pipeline(input, split2({ maxLength: MAX_RECORD_BYTES }), () => undefined);
  let line = 0;
  try {
    for await (const text of lines as AsyncIterable<string>) {
      line++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // A bad line is a rejected row like any other; the lines after it are still checked.
        yield { line, value: undefined, problem: 'This line is not valid JSON.' };
        continue;
      }
      yield { line, value };
    }
  } catch (err) {
    throw fileError(err, line + 1);
  }
}

async function* jsonArrayRows(input: Readable): AsyncGenerator<RawRow> {
  const items = pipeline(input, streamArray.withParserAsStream(), () => undefined);
  let position = 0;
  try {
    for await (const { key, value } of items as AsyncIterable<{ key: number; value: unknown }>) {
      position = key + 1;
      yield { line: position, value };
    }
  } catch (err) {
    throw fileError(err, null);
  }
}

/**
 * The file's records, parsed as they stream in; nothing but the current record is held. Iterating pulls
 * from the input, so a slow database slows the upload instead of filling memory.
 */
export function rowsOf(format: ImportFormat, columns: ImportColumns | null, input: Readable): AsyncGenerator<RawRow> {
  if (format === 'CSV') return csvRows(input, columns);
  if (format === 'NDJSON') return ndjsonRows(input);
  return jsonArrayRows(input);
}
