// File import memory benchmark: `pnpm --silent bench:import [size, e.g. 100MB or 1GB] [NDJSON|CSV]`.
// Starts its own test-profile stack (honours STACK_PORT_OFFSET), generates the file on the fly as a
// stream, uploads it through the gateway, samples the RSS of the gateway and ingestion processes from
// /proc every second, and prints `<bytes> imported, <rows> rows in <ms> ms, max RSS gateway <A> MiB ingestion <B> MiB`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphqlUrl } from '../deploy/local/src/apps.js';
import { Stack } from '../deploy/local/src/stack.js';

const units: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 };
const [sizeArg = '100MB', formatArg = 'NDJSON'] = process.argv.slice(2);
const sizeMatch = /^(\d+(?:\.\d+)?)(B|KB|MB|GB)$/i.exec(sizeArg);
const format = formatArg.toUpperCase();
if (!sizeMatch || (format !== 'NDJSON' && format !== 'CSV')) {
  console.error('usage: bench:import [size: 100MB, 1GB …] [NDJSON|CSV]');
  process.exit(2);
}
const targetBytes = Math.round(Number(sizeMatch[1]) * units[sizeMatch[2]!.toUpperCase()]!);

// Realistic answers of about 400 characters, a few thousand distinct respondents.
const filler = 'The delivery took longer than promised, the parcel was damaged and nobody answered the phone. ';
function row(i: number): string {
  const text = `${filler.repeat(4)}Order ${i}.`;
  const externalId = `cust-${i % 5_000}`;
  if (format === 'CSV') return `${externalId},${text},form-2026,2026-05-01T10:00:00Z\n`;
  return `${JSON.stringify({ externalId, text, consentRef: 'form-2026', submittedAt: '2026-05-01T10:00:00Z' })}\n`;
}

let rows = 0;
let bytes = 0;
async function* file(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  if (format === 'CSV') {
    const header = encoder.encode('externalId,text,consentRef,submittedAt\n');
    bytes += header.length;
    yield header;
  }
  while (bytes < targetBytes) {
    let chunk = '';
    while (chunk.length < 64 * 1024 && bytes + chunk.length < targetBytes) chunk += row(rows++);
    const encoded = encoder.encode(chunk);
    bytes += encoded.length;
    yield encoded;
  }
}

const rssMiB = (pid: number) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    // The process is gone; the upload then fails and says so.
    return 0;
  }
};

const stack = new Stack({ profile: 'test', fresh: true, logLevel: 'warn', allowMissing: false });
let exitCode = 0;
try {
  await stack.prepare(true);
  await stack.startInfra();
  await stack.startApps();
  stack.markReady();
  process.env['TEST_GATEWAY_URL'] = graphqlUrl(stack.ports.gateway);
  // Imported after the URL is set: the test helpers read it when called.
  const { ok } = await import('../test/support/graph.js');
  const { createTenant } = await import('../test/support/tenant.js');
  const tenant = await createTenant('bench');
  const datasetId: string = (await ok(`mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`, { input: { workspaceId: tenant.workspaceId, name: 'bench' } }, tenant.token)).createDataset.id;
  const job = (await ok(`mutation($input: StartImportInput!) { startImport(input: $input) { id uploadPath } }`, { input: { datasetId, format } }, tenant.token)).startImport;

  const pids = JSON.parse(readFileSync(join(stack.dir, 'pids.json'), 'utf8')) as Array<{ name: string; pid: number }>;
  const pidOf = (name: string) => pids.find((p) => p.name === name)!.pid;
  const max = { gateway: 0, ingestion: 0 };
  const sample = () => {
    max.gateway = Math.max(max.gateway, rssMiB(pidOf('gateway')));
    max.ingestion = Math.max(max.ingestion, rssMiB(pidOf('ingestion')));
  };
  sample();
  const sampler = setInterval(sample, 1_000);

  const started = Date.now();
  const res = await fetch(new URL(job.uploadPath, graphqlUrl(stack.ports.gateway)), {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/octet-stream' },
    body: file() as unknown as RequestInit["body"],
    duplex: 'half',
  } as RequestInit);
  const answer = (await res.json()) as { job?: { status: string; rowsStored: number }; errors?: unknown };
  const ms = Date.now() - started;
  sample();
  clearInterval(sampler);
  if (res.status !== 200 || answer.job?.status !== 'COMPLETED') {
    console.error(`import did not complete (HTTP ${res.status}): ${JSON.stringify(answer).slice(0, 2_000)}`);
    exitCode = 1;
  } else {
    console.log(`${bytes} imported, ${answer.job.rowsStored} rows in ${ms} ms, max RSS gateway ${Math.round(max.gateway)} MiB ingestion ${Math.round(max.ingestion)} MiB`);
  }
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
