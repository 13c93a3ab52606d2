import { parseArgs } from 'node:util';
import { buildProcessingRegister, loadDataMap, registerHtml, registerMarkdown, registeredSubprocessors } from './src/index.js';

/** `pnpm --silent register [--format md|html]`: the record of processing activities, generated, on stdout. */
const usage = 'usage: register [--format md|html]';
let format: string;
try {
  format = parseArgs({ options: { format: { type: 'string', default: 'md' } }, strict: true }).values.format ?? 'md';
} catch (err) {
  process.stderr.write(`register: ${(err as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (format !== 'md' && format !== 'html') {
  process.stderr.write(`register: --format must be md or html, not "${format}"\n${usage}\n`);
  process.exit(2);
}
const register = buildProcessingRegister(loadDataMap(), registeredSubprocessors());
process.stdout.write(format === 'html' ? registerHtml(register) : registerMarkdown(register));
