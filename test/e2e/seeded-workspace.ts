import { randomBytes } from 'node:crypto';
import { waitFor } from '@verbatim/kit/testing';
import { ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

export interface Person {
  externalId: string;
  name: string;
  email: string;
}

const texts = [
  (p: Person) => `Bonjour, ici ${p.name}. La livraison a pris trois semaines et personne ne répondait au service client. Écrivez-moi à ${p.email}.`,
  (p: Person) => `My name is ${p.name}; the delivery was late again and support never answered my emails (${p.email}). Prices are fine though.`,
  (p: Person) => `${p.name} here: the mobile app crashes every time I open my order history. Contact ${p.email} or call 06 12 34 56 78.`,
];

export const ADD_RESPONSES = `mutation($input: AddResponsesInput!) {
  addResponses(input: $input) { dataset { id version responseCount } responses { id pipelineState respondent { id externalId } } }
}`;
export const DATASET_STATE = `query($id: ID!) {
  dataset(id: $id) { id responseCount anonymizedCount analyzableCount responses(first: 100) { id pipelineState respondent { id } anonymization { text entities { type count } } } }
}`;

export interface SeededWorkspace {
  owner: Tenant;
  datasetId: string;
  people: Person[];
  /** Respondent id by external id. */
  respondentIds: Map<string, string>;
  responseIdsByRespondent: Map<string, string[]>;
}

/**
 * A tenant of one test: a fresh user with their own workspace and a dataset of three responses from each
 * person, waited on until every response is anonymized and in reporting. E-mails are unique per call, so
 * a search of every database for one test's person never finds another test's.
 */
export async function seedWorkspace(names: [string, string, string]): Promise<SeededWorkspace> {
  const tag = randomBytes(3).toString('hex');
  const local = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
  const people = names.map((name, i) => ({ externalId: `cust-${tag}-${i + 1}`, name, email: `${local(name)}.${tag}@exemple.fr` }));
  const owner = await createTenant('owner');
  const datasetId = (await ok(`mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`, { input: { workspaceId: owner.workspaceId, name: 'Q3 satisfaction survey' } }, owner.token)).createDataset.id;
  const responses = people.flatMap((p) => texts.map((t, i) => ({ externalId: p.externalId, name: p.name, email: p.email, text: t(p), consentRef: `form-2026-${i}`, submittedAt: `2026-0${i + 7}-15T10:00:00Z` })));
  const added = await ok(ADD_RESPONSES, { input: { datasetId, responses } }, owner.token);
  const respondentIds = new Map<string, string>();
  const responseIdsByRespondent = new Map<string, string[]>();
  for (const r of added.addResponses.responses) {
    respondentIds.set(r.respondent.externalId, r.respondent.id);
    responseIdsByRespondent.set(r.respondent.id, [...(responseIdsByRespondent.get(r.respondent.id) ?? []), r.id]);
  }
  const count = responses.length;
  await waitFor(
    async () => {
      const d = (await ok(DATASET_STATE, { id: datasetId }, owner.token)).dataset;
      return d.anonymizedCount === count && d.analyzableCount === count;
    },
    { timeoutMs: 60_000, what: `${count} responses anonymized and in reporting` },
  );
  return { owner, datasetId, people, respondentIds, responseIdsByRespondent };
}
