import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { AnswerSection } from './access-answer.js';

export interface PortabilityArchive {
  /** The zip: data.json (everything, structured) and one CSV per service and collection. */
  zip: Uint8Array;
  /** Hex SHA-256 of the zip, signed when it is transmitted. */
  sha256: string;
  /** The file names inside, for the receipt and the tests. */
  files: string[];
}

export interface ArchiveRequest {
  id: string;
  subjectType: string;
  requestedAt: Date;
  completedAt: Date;
}

type Row = Record<string, unknown>;

/** Nested objects become dotted columns; arrays (and anything else) are kept as JSON text in one cell. */
function flatten(doc: Row, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(doc)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Row, column, out);
    else out[column] = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed
 * with an apostrophe, since the person's own text ends up in it.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(documents: readonly Row[]): string {
  const rows = documents.map((d) => flatten(d));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The portability archive (Art. 20: "structured, commonly used and machine-readable"): the same data
 * as JSON and as CSV. The zip's timestamps are the completion time, so one request always gives the
 * same bytes and the same digest.
 */
export function buildPortabilityArchive(request: ArchiveRequest, sections: readonly AnswerSection[]): PortabilityArchive {
  const data = {
    format: 'verbatim-portability/v1',
    request: { id: request.id, subjectType: request.subjectType, requestedAt: request.requestedAt.toISOString(), completedAt: request.completedAt.toISOString() },
    sections: sections.map((s) => ({ service: s.service, collections: s.collections.filter((c) => c.documents.length) })).filter((s) => s.collections.length),
  };
  const files: Record<string, Uint8Array> = { 'data.json': strToU8(`${JSON.stringify(data, null, 2)}\n`) };
  for (const section of data.sections) {
    for (const c of section.collections) files[`csv/${section.service}-${c.collection}.csv`] = strToU8(toCsv(c.documents as Row[]));
  }
  const zip = zipSync(files, { level: 6, mtime: request.completedAt });
  return { zip, sha256: createHash('sha256').update(zip).digest('hex'), files: Object.keys(files) };
}
