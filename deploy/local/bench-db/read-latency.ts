// Read latency of the MongoDB-wire database the stack runs: count and find by a non-_id field, and find
// by _id, at growing collection sizes. Prints a Markdown table; not a test.
//   tsx deploy/local/bench-db/read-latency.ts mongodb://127.0.0.1:28017 [1000,10000,100000]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection } from 'mongodb';

interface Doc {
  _id: string;
  datasetId: string;
  workspaceId: string;
  text: string;
  createdAt: Date;
}

/** Each dataset holds this many documents, so every query by datasetId matches the same amount. */
const perDataset = 100;
const batch = 1000;

const [url, sizesArg = '1000,10000,100000'] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: tsx deploy/local/bench-db/read-latency.ts <mongodb url> [sizes, comma-separated]\n');
  process.exit(2);
}
const sizes = sizesArg.split(',').map(Number);

async function fill(col: Collection<Doc>, size: number): Promise<string[]> {
  const ids: string[] = [];
  const text = 'x'.repeat(300);
  for (let start = 0; start < size; start += batch) {
    const docs = Array.from({ length: Math.min(batch, size - start) }, (_, i): Doc => {
      const n = start + i;
      return { _id: randomUUID(), datasetId: `ds-${n % (size / perDataset)}`, workspaceId: `ws-${n % 7}`, text, createdAt: new Date() };
    });
    await col.insertMany(docs, { ordered: false });
    ids.push(...docs.map((d) => d._id));
  }
  return ids;
}

/** Median milliseconds: one warm-up call, then up to 15 calls, fewer when each takes seconds. */
async function median(run: (i: number) => Promise<unknown>): Promise<number> {
  await run(0);
  const times: number[] = [];
  const budgetEnd = performance.now() + 20_000;
  for (let i = 1; times.length < 15 && (times.length < 3 || performance.now() < budgetEnd); i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const client = await MongoClient.connect(url);
const db = client.db(`bench_read_${Date.now().toString(36)}`);
const info = await db.admin().command({ buildInfo: 1 });
process.stdout.write(`server reports MongoDB ${String(info['version'])}\n\n`);
process.stdout.write('| documents | insert (docs/s) | countDocuments by datasetId (ms) | find by datasetId (ms) | findOne by _id (ms) |\n|---|---|---|---|---|\n');
try {
  for (const size of sizes) {
    const col = db.collection<Doc>(`docs_${size}`);
    await col.createIndex({ datasetId: 1 });
    const t = performance.now();
    const ids = await fill(col, size);
    const rate = size / ((performance.now() - t) / 1000);
    const datasets = size / perDataset;
    const count = await median((i) => col.countDocuments({ datasetId: `ds-${i % datasets}` }));
    const find = await median((i) => col.find({ datasetId: `ds-${i % datasets}` }).toArray());
    const byId = await median((i) => col.findOne({ _id: ids[(i * 7919) % ids.length]! }));
    const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
    process.stdout.write(`| ${size.toLocaleString('en')} | ${rate.toFixed(0)} | ${f(count)} | ${f(find)} | ${f(byId)} |\n`);
  }
} finally {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
}
