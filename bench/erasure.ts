// pnpm --silent bench:erasure [--respondents R] [--erasures E] [--concurrency 20|all]
// R respondents with a response each, then E erasures, each timed by the client from the request to COMPLETED.
import { setTimeout as delay } from 'node:timers/promises';
import { options, positiveInt } from './lib/args.js';
import type { GraphClient } from './lib/graph.js';
import { registerOwner } from './lib/graph.js';
import { loadAverages, msSince } from './lib/machine.js';
import { formatPercentiles } from './lib/percentiles.js';
import { mapBounded } from './lib/pool.js';
import { createDataset, importResponses, syntheticResponses, waitUntilInCorpus } from './lib/responses.js';
import { withBenchStack } from './lib/stack.js';

const args = options({ respondents: '1000', erasures: '100', concurrency: '20' });
const respondents = positiveInt('respondents', args.respondents);
const erasures = positiveInt('erasures', args.erasures);
const concurrency = args.concurrency === 'all' ? erasures : positiveInt('concurrency', args.concurrency);
if (erasures > respondents) {
  process.stderr.write(`--erasures (${erasures}) cannot exceed --respondents (${respondents}): each erasure is of a different respondent\n`);
  process.exit(2);
}

const REQUEST_ERASURE = `mutation RequestErasure($input: RightsRequestInput!) { requestErasure(input: $input) { id } }`;
const WORKSPACE_REQUESTS = `query WorkspaceRequests($id: ID!) { workspace(id: $id) { rightsRequests { id status durationMs acknowledgements { service } } } }`;
/** How often the watcher asks for the statuses: the resolution of every measured duration. */
const POLL_MS = 25;
const TIMEOUT_MS = 120_000;

interface RequestStatus {
  id: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  durationMs: number | null;
  acknowledgements: Array<{ service: string }>;
}

interface Waiter {
  requestedAt: number;
  resolve: (completedAt: number) => void;
  reject: (err: Error) => void;
}

/**
 * One poller for every request in flight (one query for the workspace's requests per round), so the
 * polling load does not grow with the concurrency under test. A failed poll or a request still not
 * COMPLETED after TIMEOUT_MS fails its waiters, saying which services had acknowledged.
 */
class CompletionWatcher {
  private readonly waiting = new Map<string, Waiter>();
  private polling = false;
  /** Durations the rights service recorded itself, for comparison with the client's. */
  readonly serverDurations: number[] = [];

  constructor(
    private readonly client: GraphClient,
    private readonly workspaceId: string,
  ) {}

  /** Resolves with the performance.now() reading at which the request was first seen COMPLETED. */
  completion(requestId: string, requestedAt: number): Promise<number> {
    const done = new Promise<number>((resolve, reject) => this.waiting.set(requestId, { requestedAt, resolve, reject }));
    if (!this.polling) {
      this.polling = true;
      void this.poll()
        .catch((err: Error) => this.failAll(err))
        .finally(() => (this.polling = false));
    }
    return done;
  }

  private failAll(err: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(err);
    this.waiting.clear();
  }

  private async poll(): Promise<void> {
    while (this.waiting.size > 0) {
      const data = await this.client.request<{ workspace: { rightsRequests: RequestStatus[] } }>(WORKSPACE_REQUESTS, { id: this.workspaceId });
      const seenAt = performance.now();
      for (const r of data.workspace.rightsRequests) {
        const waiter = this.waiting.get(r.id);
        if (!waiter) continue;
        if (r.status === 'COMPLETED') {
          this.waiting.delete(r.id);
          if (r.durationMs !== null) this.serverDurations.push(r.durationMs);
          waiter.resolve(seenAt);
        } else if (seenAt - waiter.requestedAt > TIMEOUT_MS) {
          const acked = r.acknowledgements.map((a) => a.service).join(', ') || 'none';
          this.failAll(new Error(`erasure ${r.id} not COMPLETED after ${TIMEOUT_MS / 1000} s (acknowledged by: ${acked}); ${this.waiting.size} requests were in flight`));
          return;
        }
      }
      await delay(POLL_MS);
    }
  }
}

await withBenchStack(async ({ gatewayUrl }) => {
  const owner = await registerOwner(gatewayUrl);
  const datasetId = await createDataset(owner.client, owner.workspaceId, 'Erasure benchmark');
  const respondentIds = await importResponses(owner.client, datasetId, syntheticResponses(0, respondents));
  await waitUntilInCorpus(owner.client, datasetId, respondents);
  process.stderr.write(`[bench] ${respondents} respondents stored and anonymized; ${erasures} erasures at concurrency ${concurrency}\n`);

  const watcher = new CompletionWatcher(owner.client, owner.workspaceId);
  const startedAt = performance.now();
  const durations = await mapBounded(respondentIds.slice(0, erasures), concurrency, async (respondentId) => {
    const requestedAt = performance.now();
    const { requestErasure } = await owner.client.request<{ requestErasure: { id: string } }>(REQUEST_ERASURE, {
      input: { workspaceId: owner.workspaceId, respondentId },
    });
    return (await watcher.completion(requestErasure.id, requestedAt)) - requestedAt;
  });
  const totalMs = msSince(startedAt);
  process.stdout.write(`erasure ${formatPercentiles(durations, [50, 90, 99])}\n`);
  process.stdout.write(
    `${erasures} erasures of ${respondents} respondents at concurrency ${concurrency} in ${totalMs} ms (${((erasures * 1000) / totalMs).toFixed(1)}/s); ` +
      `as recorded by rights: ${formatPercentiles(watcher.serverDurations, [50, 90, 99])}  [${loadAverages()}]\n`,
  );
});
