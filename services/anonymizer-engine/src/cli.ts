/**
 * Command-line detector and anonymizer over JSON lines, streaming (one line in memory at a time).
 *
 *   pnpm --silent anonymize:detect    < in.jsonl > spans.jsonl
 *   pnpm --silent anonymize:anonymize < in.jsonl > anonymized.jsonl
 *
 * Input: one {"id": ..., "text": "...", "language"?: "fr"|"en", "knownEntities"?: [{type, value}]} per line.
 * detect writes {"id", "language", "spans": [{"start", "end", "label"}]}; anonymize writes
 * {"id", "language", "text", "changes": [{"start", "end", "label", "operator"}]} with one pseudonym table
 * for the whole stream. Offsets are Unicode code points in the input text, end exclusive.
 * A line that cannot be processed gives {"id": <id or null>, "error": {"code", "message"}} on stdout and
 * a note (line number and code, never the text) on stderr. Blank lines are skipped.
 * Exit codes: 0 all lines processed, 1 at least one error line, 2 bad usage.
 */
import { createInterface } from 'node:readline';
import { toCodePointOffsets } from './code-points.js';
import { analyze, anonymize } from './engine.js';
import { createPseudonymTable } from './pseudonym-table.js';
import { ENTITY_TYPES, type EntityType, type KnownEntity, type Language, type OperatorConfig } from './types.js';

type Mode = 'detect' | 'anonymize';
type ErrorCode = 'BAD_JSON_LINE' | 'BAD_RECORD' | 'INTERNAL';

const USAGE = `usage: cli.ts <detect|anonymize> [--language fr|en] [--operator replace|pseudonymize|redact|mask|hash|encrypt] [--key-env VAR]
reads JSON lines {"id": ..., "text": "..."} on stdin, writes one JSON line per input on stdout`;

class LineError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

interface Options {
  mode: Mode;
  language?: Language;
  operator?: OperatorConfig;
}

function parseArgs(argv: string[]): Options {
  const [mode, ...rest] = argv;
  if (mode !== 'detect' && mode !== 'anonymize') throw new Error(`unknown mode ${JSON.stringify(mode ?? '')}`);
  const options: Options = { mode };
  let operatorKind: string | undefined;
  let keyEnv: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = rest[i + 1];
    if (arg === '--language' && (value === 'fr' || value === 'en')) options.language = value;
    else if (arg === '--operator' && value) operatorKind = value;
    else if (arg === '--key-env' && value) keyEnv = value;
    else throw new Error(`unknown or incomplete option ${JSON.stringify(arg)}`);
    i++;
  }
  if (operatorKind) {
    if (operatorKind === 'hash' || operatorKind === 'encrypt') {
      const key = keyEnv ? process.env[keyEnv] : undefined;
      if (!key) throw new Error(`--operator ${operatorKind} needs --key-env NAME, NAME being an environment variable holding the workspace key`);
      options.operator = { kind: operatorKind, key };
    } else if (['replace', 'pseudonymize', 'redact', 'mask'].includes(operatorKind)) {
      options.operator = { kind: operatorKind } as OperatorConfig;
    } else throw new Error(`unknown operator ${JSON.stringify(operatorKind)}`);
  }
  return options;
}

function parseKnownEntities(value: unknown): KnownEntity[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new LineError('BAD_RECORD', '"knownEntities" must be an array of {"type", "value"}');
  return value.map((e: unknown) => {
    const entity = e as { type?: unknown; value?: unknown };
    if (!entity || typeof entity.value !== 'string' || !ENTITY_TYPES.includes(entity.type as EntityType)) {
      throw new LineError('BAD_RECORD', `each known entity needs "type" among ${ENTITY_TYPES.join(', ')} and a string "value"`);
    }
    return { type: entity.type as EntityType, value: entity.value };
  });
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const pseudonyms = createPseudonymTable();
  const operators = options.operator ? { defaultOperator: options.operator } : {};
  let failed = 0;
  let lineNo = 0;

  const write = (obj: unknown): Promise<void> | void => {
    if (!process.stdout.write(JSON.stringify(obj) + '\n')) return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
  };

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (line.trim().length === 0) continue;
    let id: unknown = null;
    let result: unknown;
    try {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        throw new LineError('BAD_JSON_LINE', 'line is not valid JSON; expected {"id": ..., "text": "..."}');
      }
      if (!record || typeof record !== 'object' || Array.isArray(record)) throw new LineError('BAD_JSON_LINE', 'line is not a JSON object; expected {"id": ..., "text": "..."}');
      const r = record as { id?: unknown; text?: unknown; language?: unknown; knownEntities?: unknown };
      id = r.id ?? null;
      if (typeof r.text !== 'string') throw new LineError('BAD_RECORD', '"text" must be a string');
      const text = r.text;
      const language = r.language === 'fr' || r.language === 'en' ? r.language : options.language;
      const knownEntities = parseKnownEntities(r.knownEntities);
      const base = { ...(language ? { language } : {}), ...(knownEntities ? { knownEntities } : {}) };
      if (options.mode === 'detect') {
        const { language: lang, findings } = analyze(text, base);
        const cps = toCodePointOffsets(text, findings.flatMap((f) => [f.start, f.end]));
        result = { id, language: lang, spans: findings.map((f, i) => ({ start: cps[2 * i], end: cps[2 * i + 1], label: f.type })) };
      } else {
        const out = anonymize(text, { ...base, ...operators, pseudonyms });
        const cps = toCodePointOffsets(text, out.changes.flatMap((c) => [c.start, c.end]));
        result = { id, language: out.language, text: out.text, changes: out.changes.map((c, i) => ({ start: cps[2 * i], end: cps[2 * i + 1], label: c.type, operator: c.operator })) };
      }
    } catch (err) {
      failed++;
      const code: ErrorCode = err instanceof LineError ? err.code : 'INTERNAL';
      const message = err instanceof LineError ? err.message : 'internal error while processing this line';
      process.stderr.write(`line ${lineNo}: ${code}: ${message}\n`);
      result = { id: typeof id === 'string' || typeof id === 'number' ? id : null, error: { code, message } };
    }
    const pending = write(result);
    if (pending) await pending;
  }
  if (failed > 0) process.stderr.write(`${failed} of ${lineNo} lines failed\n`);
  return failed > 0 ? 1 : 0;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // The reader went away (head, closed pipe): stop quietly.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fatal: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
