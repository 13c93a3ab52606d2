// pnpm --silent bench:pipeline [--responses N]
// N responses in through the gateway, timed until every one is anonymized and in reporting's corpus.
import { options, positiveInt } from './lib/args.js';
import { registerOwner } from './lib/graph.js';
import { loadAverages, msSince } from './lib/machine.js';
import { createDataset, importResponses, syntheticResponses, waitUntilInCorpus } from './lib/responses.js';
import { withBenchStack } from './lib/stack.js';

const args = options({ responses: '100000' });
const count = positiveInt('responses', args.responses);

await withBenchStack(async ({ gatewayUrl }) => {
  const owner = await registerOwner(gatewayUrl);
  const datasetId = await createDataset(owner.client, owner.workspaceId, 'Pipeline benchmark');
  const responses = syntheticResponses(0, count);
  const startedAt = performance.now();
  await importResponses(owner.client, datasetId, responses);
  const storedMs = msSince(startedAt);
  await waitUntilInCorpus(owner.client, datasetId, count);
  const totalMs = msSince(startedAt);
  const rate = (n: number, ms: number) => Math.round((n * 1000) / Math.max(1, ms));
  process.stdout.write(`${count} responses in ${totalMs} ms (${rate(count, totalMs)}/s)  [stored by ingestion after ${storedMs} ms (${rate(count, storedMs)}/s); ${loadAverages()}]\n`);
});
