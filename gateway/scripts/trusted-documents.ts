// Builds gateway/trusted-documents/partner.json from gateway/trusted-documents/partner/*.graphql.
// `--write` writes it; without, exits 1 when the committed manifest is stale (as `compose` does).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildManifest, PARTNER_MANIFEST_FILE, serializeManifest } from '../src/trusted-documents.js';

const wanted = serializeManifest(buildManifest());
const current = existsSync(PARTNER_MANIFEST_FILE) ? readFileSync(PARTNER_MANIFEST_FILE, 'utf8') : '';
if (process.argv.includes('--write')) {
  writeFileSync(PARTNER_MANIFEST_FILE, wanted);
  process.stdout.write(`wrote ${PARTNER_MANIFEST_FILE}\n`);
} else if (current !== wanted) {
  process.stderr.write(`${PARTNER_MANIFEST_FILE} is stale: run \`pnpm trusted-documents\`\n`);
  process.exit(1);
}
