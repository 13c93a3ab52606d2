import { parseArgs } from 'node:util';

/**
 * Parses `--name value` options, each with a default; unknown options and values that are not whole
 * numbers of at least 1 (except where `parse` says otherwise) end the run with a message.
 */
export function options<T extends Record<string, string>>(defaults: T): T {
  const config = Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { type: 'string' as const, default: value }]));
  try {
    // pnpm may pass the `--` separator through.
    const args = process.argv.slice(2).filter((a) => a !== '--');
    return parseArgs({ args, options: config, strict: true, allowPositionals: false }).values as T;
  } catch (err) {
    return usage((err as Error).message, defaults);
  }
}

/** A whole number of at least 1 (`100000`, `100_000` or `100k`), or the run ends with a message naming the option. */
export function positiveInt(name: string, raw: string): number {
  const plain = raw.trim().replaceAll('_', '');
  const n = /^\d+k$/i.test(plain) ? Number(plain.slice(0, -1)) * 1000 : Number(plain);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a whole number of at least 1, not "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

function usage(problem: string, defaults: Record<string, string>): never {
  const list = Object.entries(defaults).map(([k, v]) => `--${k} ${v}`).join(' ');
  process.stderr.write(`${problem}\nOptions (with their defaults): ${list}\n`);
  process.exit(2);
}
