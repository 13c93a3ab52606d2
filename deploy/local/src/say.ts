/** Console output of the stack runner: short lines a person reads, prefixed so they stand out from jest's. */
export function say(message: string): void {
  process.stdout.write(`[verbatim] ${message}\n`);
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Thrown for failures the user can act on; the CLI prints the message without a stack trace. */
export class StackError extends Error {
  override name = 'StackError';
}
