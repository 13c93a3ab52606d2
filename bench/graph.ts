// pnpm --silent bench:graph [--sizes 1000,10000,100000] [--requests 500] [--concurrency 10] [--max-seconds 60] [--wait corpus|stored]
// The dashboard query through the gateway (all six subgraphs) at growing numbers of stored responses.
import { options, positiveInt } from './lib/args.js';
import { registerOwner, type Owner } from './lib/graph.js';
import { runLoad } from './lib/load.js';
import { loadAverages } from './lib/machine.js';
import { formatPercentiles } from './lib/percentiles.js';
import { waitFor } from '../services/kit/src/testing/index.js';
import { createDataset, datasetCounts, importResponses, syntheticResponses, waitUntilInCorpus } from './lib/responses.js';
import { withBenchStack } from './lib/stack.js';

const args = options({ sizes: '1000,10000,100000', requests: '500', concurrency: '10', 'max-seconds': '60', wait: 'corpus' });
const sizes = args.sizes.split(',').map((s) => positiveInt('sizes', s));
const requests = positiveInt('requests', args.requests);
const concurrency = positiveInt('concurrency', args.concurrency);
const maxMs = positiveInt('max-seconds', args['max-seconds']) * 1000;
// corpus: measure once every response is anonymized and in reporting's corpus (a quiet stack).
// stored: measure as soon as ingestion has them, while the pipeline still works on them in the background
// (for sizes the pipeline would take too long to drain; the figures then include that load).
if (args.wait !== 'corpus' && args.wait !== 'stored') {
  process.stderr.write(`--wait must be corpus or stored, not "${args.wait}"\n`);
  process.exit(2);
}
if (sizes.some((s, i) => i > 0 && s <= sizes[i - 1]!)) {
  process.stderr.write('--sizes must grow (each size adds responses to the same dataset)\n');
  process.exit(2);
}
/** Unmeasured requests first, so query planning and cold code paths are not in the figures. */
const WARM_UP = 20;

// What a signed-in user's home page shows. Subgraphs: identity (me, memberships, workspace), consent
// (User.consents), rights (rightsRequests), ingestion (datasets, responseCount), anonymizer
// (anonymizedCount), reporting (analyzableCount, reports). Kept under the gateway's default cost limit (2,000).
const DASHBOARD = `query Dashboard {
  me {
    id
    firstName
    consents { purpose status }
    memberships {
      role
      workspace {
        id
        name
        rightsRequests { kind status }
        datasets {
          id
          name
          responseCount
          anonymizedCount
          analyzableCount
          reports { id }
        }
      }
    }
  }
}`;

interface Dashboard {
  me: { memberships: Array<{ workspace: { datasets: Array<{ id: string; responseCount: number; anonymizedCount: number; reports: unknown[] }> } }> };
}

const RECORD_CONSENT = `mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const REQUEST_RESTRICTION = `mutation RequestRestriction($input: RightsRequestInput!) { requestRestriction(input: $input) { id } }`;
const GENERATE_REPORT = `mutation GenerateReport($input: GenerateReportInput!) { generateReport(input: $input) { id } }`;

/** Something in every part of the dashboard: a consent of the user, and a restricted respondent in a second dataset. */
async function seedWorkspace(owner: Owner): Promise<void> {
  await owner.client.request(RECORD_CONSENT, {
    input: { workspaceId: owner.workspaceId, subjectType: 'USER', subjectId: owner.userId, purpose: 'ANALYSIS', source: 'benchmark', method: 'API', evidence: { text: 'Benchmark consent notice.', proofRef: 'bench://consent' } },
  });
  const sideDataset = await createDataset(owner.client, owner.workspaceId, 'Side dataset');
  const [respondentId] = await importResponses(owner.client, sideDataset, syntheticResponses(10_000_000, 1));
  await owner.client.request(REQUEST_RESTRICTION, { input: { workspaceId: owner.workspaceId, respondentId } });
}

await withBenchStack(async ({ gatewayUrl }) => {
  const owner = await registerOwner(gatewayUrl);
  await seedWorkspace(owner);
  const datasetId = await createDataset(owner.client, owner.workspaceId, 'Graph benchmark');
  let stored = 0;
  for (const size of sizes) {
    await importResponses(owner.client, datasetId, syntheticResponses(stored, size - stored));
    stored = size;
    if (args.wait === 'corpus') await waitUntilInCorpus(owner.client, datasetId, size);
    else await waitFor(async () => (await datasetCounts(owner.client, datasetId)).analyzableCount > 0, { timeoutMs: 120_000, what: 'a first response in the corpus' });
    // A report needs at least one analyzable response.
    await owner.client.request(GENERATE_REPORT, { input: { datasetId } });

    const dashboard = async () => {
      const data = await owner.client.request<Dashboard>(DASHBOARD);
      const dataset = data.me.memberships.flatMap((m) => m.workspace.datasets).find((d) => d.id === datasetId);
      if (dataset?.responseCount !== size) throw new Error(`the dashboard shows ${dataset?.responseCount} responses, not ${size}`);
    };
    for (let i = 0; i < WARM_UP; i++) await dashboard();
    const run = await runLoad(dashboard, requests, concurrency, maxMs);
    const rate = ((run.completed * 1000) / run.elapsedMs).toFixed(1);
    const cut = `${run.cutShort ? ` (stopped at the ${maxMs / 1000} s limit)` : ''}${args.wait === 'stored' ? ' (pipeline still running)' : ''}`;
    process.stdout.write(
      `${size} responses: ${rate} req/s ${formatPercentiles(run.latencies, [50, 99])} over ${run.completed} requests at concurrency ${concurrency}${cut}  [${loadAverages()}]\n`,
    );
  }
});
