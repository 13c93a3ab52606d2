import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The queries the test stack's services ran that no declared index serves (kit mongo/index-audit.ts), one line each. */
export function unindexedQueries(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  const lines: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const q = JSON.parse(line) as { service: string; model: string; op: string; fields: string[] };
      lines.push(`${q.service} ${q.model}.${q.op}(${q.fields.length ? q.fields.join(', ') : 'no filter'})`);
    }
  }
  return lines;
}
