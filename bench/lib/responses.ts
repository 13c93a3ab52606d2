// Synthetic responses and the one path they take into the stack. Today that is `addResponses` through
// the gateway; the file upload (CSV/NDJSON) can replace importResponses without touching the benchmarks.
import { setTimeout as delay } from 'node:timers/promises';
import type { GraphClient } from './graph.js';
import { mapBounded } from './pool.js';

export interface ResponseInput {
  externalId: string;
  name: string;
  email: string;
  text: string;
  consentRef: string;
  submittedAt: string;
}

const firstNames = ['Camille', 'Oliver', 'Léa', 'Hugo', 'Amelia', 'Jonas', 'Inès', 'Mateo', 'Sofia', 'Noah', 'Chloé', 'Lucas'];
const lastNames = ['Durand', 'Bennett', 'Fontaine', 'Moreau', 'Clarke', 'Becker', 'Lambert', 'García', 'Rossi', 'Walsh', 'Girard', 'Novak'];
const templates = [
  (name: string, email: string) => `Bonjour, ici ${name}. La livraison a pris trois semaines et personne ne répondait au service client. Écrivez-moi à ${email}.`,
  (name: string, email: string) => `My name is ${name}; the delivery was late again and support never answered my emails (${email}). Prices are fine though.`,
  (name: string, email: string) => `${name} here: the mobile app crashes every time I open my order history. Contact ${email} or call 06 12 34 56 78.`,
  (name: string) => `Great product, fast shipping, and the packaging was recyclable. ${name.split(' ')[0]} would order again.`,
  (name: string, email: string) => `Le prix a augmenté de 20 % sans prévenir. Merci de rappeler ${name} au 01 23 45 67 89 ou par mail : ${email}.`,
];

/** Respondents `from` .. `from + count - 1`, one response each, with names, emails and phone numbers for the anonymizer to remove. */
export function syntheticResponses(from: number, count: number): ResponseInput[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const name = `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}`;
    const email = `customer.${i}@exemple.fr`;
    return {
      externalId: `bench-${i}`,
      name,
      email,
      text: templates[i % templates.length]!(name, email),
      consentRef: 'bench-form-2026',
      submittedAt: new Date(Date.UTC(2026, i % 12, 1 + (i % 28), 10)).toISOString(),
    };
  });
}

const CREATE_DATASET = `mutation CreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const ADD_RESPONSES = `mutation AddResponses($input: AddResponsesInput!) { addResponses(input: $input) { responses { respondent { id } } } }`;
const DATASET_COUNTS = `query DatasetCounts($id: ID!) { dataset(id: $id) { responseCount anonymizedCount analyzableCount } }`;

/** addResponses takes 1 to 500 per call (schemas/ingestion.graphql). */
const BATCH_SIZE = 500;
/** Batches in flight at once: enough to keep ingestion busy on two cores without queueing at the gateway. */
const BATCH_CONCURRENCY = 4;

export async function createDataset(client: GraphClient, workspaceId: string, name: string): Promise<string> {
  return (await client.request<{ createDataset: { id: string } }>(CREATE_DATASET, { input: { workspaceId, name } })).createDataset.id;
}

/** Stores the responses in the dataset; resolves with their respondents' ids, in input order. */
export async function importResponses(client: GraphClient, datasetId: string, responses: readonly ResponseInput[]): Promise<string[]> {
  const batches = Array.from({ length: Math.ceil(responses.length / BATCH_SIZE) }, (_, b) => responses.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE));
  const stored = await mapBounded(batches, BATCH_CONCURRENCY, async (batch) => {
    const data = await client.request<{ addResponses: { responses: Array<{ respondent: { id: string } }> } }>(ADD_RESPONSES, { input: { datasetId, responses: batch } });
    return data.addResponses.responses.map((r) => r.respondent.id);
  });
  return stored.flat();
}

export interface DatasetCounts {
  responseCount: number;
  /** Anonymized texts stored by the anonymizer. */
  anonymizedCount: number;
  /** Reporting's corpus for new reports (no respondent is restricted or objecting here, so every anonymized response). */
  analyzableCount: number;
}

export async function datasetCounts(client: GraphClient, datasetId: string): Promise<DatasetCounts> {
  return (await client.request<{ dataset: DatasetCounts }>(DATASET_COUNTS, { id: datasetId })).dataset;
}

/** With no progress for this long, the pipeline is taken to be stuck. */
const STALL_MS = 120_000;
const POLL_MS = 250;

/**
 * Polls the graph until `expected` responses of the dataset are anonymized and in reporting's corpus.
 * Progress goes to stderr every 10 s; it fails when the counts stop moving for STALL_MS.
 */
export async function waitUntilInCorpus(client: GraphClient, datasetId: string, expected: number): Promise<void> {
  let last = '';
  let lastChange = Date.now();
  let lastReport = Date.now();
  for (;;) {
    const counts = await datasetCounts(client, datasetId);
    if (counts.anonymizedCount >= expected && counts.analyzableCount >= expected) return;
    const now = Date.now();
    const seen = `${counts.responseCount}/${counts.anonymizedCount}/${counts.analyzableCount}`;
    if (seen !== last) [last, lastChange] = [seen, now];
    if (now - lastChange > STALL_MS) {
      throw new Error(`the pipeline made no progress for ${STALL_MS / 1000} s: stored/anonymized/in corpus ${seen}, expected ${expected}`);
    }
    if (now - lastReport > 10_000) {
      process.stderr.write(`[bench] stored/anonymized/in corpus ${seen} of ${expected}\n`);
      lastReport = now;
    }
    await delay(POLL_MS);
  }
}
