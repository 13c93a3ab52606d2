import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createIngestion, type Ingestion } from '@verbatim/ingestion';
import { RESPONSE_ANONYMIZED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED, type RightsKind } from '@verbatim/contracts';
import { codeOf, newTenant, startTestService, waitFor, type EventObserver, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createAnonymizer, type Anonymizer } from '../src/app.js';

/**
 * Ingestion and the anonymizer on one real broker and database, each with its own database and
 * consumer group, on shared topics; the test plays the rights service (it publishes requests and reads
 * acknowledgements).
 */
let ingestion: TestService<Ingestion>;
let anonymizer: TestService<Anonymizer>;
let seen: EventObserver;

const ADD = `mutation($input: AddResponsesInput!) { addResponses(input: $input) { responses { id pipelineState respondent { id } } } }`;
const ANONYMIZATION = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Response { anonymization { text language pseudonym entities { type count } } } } }`;
const COUNT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { anonymizedCount } } }`;

type Counts = Array<{ collection: string; action: string; count: number }>;

async function newDataset(t: TestTenant): Promise<string> {
  const r = await ingestion.gql(t.admin, `mutation($ws: ID!) { createDataset(input: { workspaceId: $ws, name: "Avis clients" }) { id } }`, { ws: t.workspaceId });
  return r.data!['createDataset'].id;
}

async function add(t: TestTenant, datasetId: string, responses: object[]) {
  const r = await ingestion.gql(t.admin, ADD, { input: { datasetId, responses } });
  expect(r.errors).toBeUndefined();
  return r.data!['addResponses'].responses as Array<{ id: string; pipelineState: string; respondent: { id: string } }>;
}

async function request(kind: RightsKind, subjectId: string, subjectType: 'RESPONDENT' | 'USER', workspaceId: string | null) {
  const requestId = randomUUID();
  await ingestion.as('rights').publish(RIGHTS_OPENED, subjectId, { requestId, kind, subjectType, subjectId, workspaceId });
  const both = await waitFor(async () => {
    const mine = seen.events.filter((e) => e.type === 'rights.request-acknowledged' && e.payload.requestId === requestId);
    return mine.length === 2 && mine;
  }, { what: `${kind} acknowledged by ingestion and anonymizer` });
  return Object.fromEntries(both.map((e) => [e.payload.service, e.payload.counts])) as Record<'ingestion' | 'anonymizer', Counts>;
}

const anonymized = (responseId: string) => waitFor(() => anonymizer.app.deps.anonymized.findById(responseId), { what: `response ${responseId} anonymized` });

beforeAll(async () => {
  ingestion = await startTestService('ingestion', (base) => createIngestion({ ...base, config: { MAX_QUERY_DEPTH: 12, IMPORT_MAX_BYTES: 1 << 30 } }));
  anonymizer = await startTestService(
    'anonymizer',
    (base) => createAnonymizer({ ...base, config: { ANONYMIZER_PSEUDONYM_KEY: randomBytes(32).toString('hex'), MAX_QUERY_DEPTH: 12 } }),
    { topicPrefix: ingestion.prefix },
  );
  seen = await ingestion.observe([RIGHTS_ACKNOWLEDGED, RESPONSE_ANONYMIZED]);
});

afterAll(async () => {
  // The anonymizer first: ingestion created the shared topics and deletes them.
  await anonymizer?.stop();
  await ingestion?.stop();
});

describe('ingestion to anonymizer pipeline', () => {
  test('anonymizes stored responses so that neither the respondent\'s email nor name remains, whatever their case', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [a, b] = await add(t, datasetId, [
      {
        externalId: 'c-100',
        email: 'jean.dupont@example.com',
        name: 'Jean Dupont',
        text: "Bonjour, c'est JEAN DUPONT. Écrivez-moi à Jean.Dupont@Example.com, la livraison était très lente.",
        consentRef: 'form-7',
      },
      { externalId: 'c-100', text: 'Dupont encore : le colis est arrivé abîmé.', consentRef: 'form-7' },
    ]);
    await Promise.all([a!.id, b!.id].map((id) => anonymized(id)));
    // The outgoing event names the respondent (reporting needs the id to honour erasure) and waits in the
    // document's outbox until the relay has published it; after that nothing stored here names them.
    const relayed = (id: string) => waitFor(async () => {
      const doc = await anonymizer.app.deps.anonymized.findById(id);
      return doc && !doc.outboxPending ? doc : undefined;
    }, { what: `response ${id} relayed` });
    const docs = [await relayed(a!.id), await relayed(b!.id)];
    for (const doc of docs) {
      expect(doc.text).not.toMatch(/dupont|jean|example\.com/i);
      expect(doc.pseudonym).toBe(anonymizer.app.deps.pseudonymOf(t.workspaceId, a!.respondent.id));
      expect(JSON.stringify(doc)).not.toContain(a!.respondent.id);
    }
    expect(docs[0]!.text).toContain('livraison était très lente');
    expect(docs[0]!.entityCounts).toMatchObject({ EMAIL: 1 });

    const viaGraph = await anonymizer.gql(t.member, ANONYMIZATION, { r: [{ __typename: 'Response', id: a!.id }] });
    expect(viaGraph.errors).toBeUndefined();
    expect(viaGraph.data!['_entities'][0].anonymization).toMatchObject({ text: docs[0]!.text, language: 'fr', pseudonym: docs[0]!.pseudonym });
    expect((await anonymizer.gql(t.member, COUNT, { r: [{ __typename: 'Dataset', id: datasetId }] })).data!['_entities'][0]).toEqual({ anonymizedCount: 2 });

    // Downstream receives the anonymized text and the respondent id (for erasure), never the raw identifiers.
    const event = await waitFor(async () => seen.events.find((e) => e.payload.responseId === a!.id), { what: 'response-anonymized event' });
    expect(event.payload).toMatchObject({ respondentId: a!.respondent.id, pseudonym: docs[0]!.pseudonym, datasetVersion: 1, anonymizedText: docs[0]!.text });
    expect(JSON.stringify(event)).not.toMatch(/dupont|example\.com/i);
  });

  test('holds a restricted respondent\'s new response, does not anonymize it, and forwards it when the restriction is lifted', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [before] = await add(t, datasetId, [{ externalId: 'c-200', name: 'Amélie Poulain', text: 'Amélie ici, très satisfaite.', consentRef: 'f' }]);
    await anonymized(before!.id);
    const respondentId = before!.respondent.id;

    const restricted = await request('RESTRICTION', respondentId, 'RESPONDENT', t.workspaceId);
    expect(restricted.ingestion).toEqual([{ collection: 'respondents', action: 'RESTRICTED', count: 1 }]);
    expect(restricted.anonymizer).toEqual([{ collection: 'subjects', action: 'RESTRICTED', count: 1 }]);

    const [held, other] = await add(t, datasetId, [
      { externalId: 'c-200', text: 'Nouvelle réponse pendant la restriction.', consentRef: 'f' },
      { externalId: 'c-201', text: 'Un autre client, rien à signaler.', consentRef: 'f' },
    ]);
    expect(held!.pipelineState).toBe('HELD');
    expect(other!.pipelineState).toBe('FORWARDED');
    // A held response carries no event at all, so nothing can reach the anonymizer.
    expect(await ingestion.app.deps.responses.model.findById(held!.id).lean()).toMatchObject({ outboxPending: false });
    await anonymized(other!.id);
    expect(await anonymizer.app.deps.anonymized.findById(held!.id)).toBeNull();
    // Already anonymized data is kept but no longer shown.
    expect((await anonymizer.gql(t.member, ANONYMIZATION, { r: [{ __typename: 'Response', id: before!.id }] })).data!['_entities'][0].anonymization).toBeNull();

    const lifted = await request('LIFT_RESTRICTION', respondentId, 'RESPONDENT', t.workspaceId);
    expect(lifted.ingestion).toEqual([
      { collection: 'respondents', action: 'RESUMED', count: 1 },
      { collection: 'responses', action: 'RESUMED', count: 2 },
    ]);
    expect(lifted.anonymizer).toEqual([{ collection: 'subjects', action: 'RESUMED', count: 1 }]);
    const late = await anonymized(held!.id);
    expect(late.text).toContain('pendant la restriction');
    expect(await ingestion.app.deps.responses.findById(held!.id)).toMatchObject({ pipelineState: 'FORWARDED' });
    expect((await anonymizer.gql(t.member, ANONYMIZATION, { r: [{ __typename: 'Response', id: before!.id }] })).data!['_entities'][0].anonymization).not.toBeNull();
  });

  test('erases everything of a respondent in both databases, leaves other respondents alone and acknowledges with exact counts', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [x1, x2, keep] = await add(t, datasetId, [
      { externalId: 'c-300', email: 'z@example.net', text: 'Premier avis : z@example.net', consentRef: 'f' },
      { externalId: 'c-300', text: 'Second avis.', consentRef: 'f' },
      { externalId: 'c-301', text: 'Je reste.', consentRef: 'f' },
    ]);
    await Promise.all([x1, x2, keep].map((r) => anonymized(r!.id)));
    const respondentId = x1!.respondent.id;

    const erased = await request('ERASURE', respondentId, 'RESPONDENT', t.workspaceId);
    expect(erased.ingestion).toEqual([
      { collection: 'responses', action: 'DELETED', count: 2 },
      { collection: 'respondents', action: 'DELETED', count: 1 },
      { collection: 'datasets', action: 'UPDATED', count: 1 },
    ]);
    expect(erased.anonymizer).toEqual([
      { collection: 'anonymized_responses', action: 'DELETED', count: 2 },
      { collection: 'pseudonym_tables', action: 'UPDATED', count: 0 },
      { collection: 'subjects', action: 'UPDATED', count: 1 },
    ]);
    expect(await ingestion.app.deps.respondents.findById(respondentId)).toBeNull();
    expect(await ingestion.app.deps.responses.model.countDocuments({ respondentId })).toBe(0);
    expect(await anonymizer.app.deps.anonymized.model.countDocuments({ pseudonym: anonymizer.app.deps.pseudonymOf(t.workspaceId, respondentId) })).toBe(0);
    expect(await ingestion.app.deps.responses.findById(keep!.id)).not.toBeNull();
    expect(await anonymizer.app.deps.anonymized.findById(keep!.id)).not.toBeNull();
    expect(await ingestion.app.deps.datasets.findById(datasetId)).toMatchObject({ responseCount: 1 });
  });

  test('keeps one placeholder per person across the responses of a dataset, in a table holding no name', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [own, other, lone, again] = await add(t, datasetId, [
      { externalId: 'c-500', name: 'Mathilde Garnier', text: 'Mathilde Garnier ici, le conseiller Paul Lefort a été parfait.', consentRef: 'f' },
      { externalId: 'c-501', text: "Mme Mathilde Garnier m'a orientée vers Paul Lefort, très bien.", consentRef: 'f' },
      { externalId: 'c-502', text: 'Je confirme, M. Lefort connaît son métier.', consentRef: 'f' },
      { externalId: 'c-500', text: 'Encore moi : rien reçu depuis.', consentRef: 'f' },
    ]);
    const docs = await Promise.all([own, other, lone, again].map((r) => anonymized(r!.id)));
    const persons = (text: string) => text.match(/<PERSON_\d+>/g) ?? [];
    const [mathilde, paul] = persons(docs[0]!.text);
    expect(mathilde).toBeDefined();
    expect(paul).toBeDefined();
    expect(mathilde).not.toBe(paul);
    expect(persons(docs[1]!.text)).toEqual([mathilde, paul]);
    expect(persons(docs[2]!.text)).toEqual([paul]);
    for (const doc of docs) expect(doc.text).not.toMatch(/garnier|lefort|mathilde/i);

    const table = await anonymizer.app.deps.pseudonymTables.findByDataset(datasetId);
    expect(table?.subjects).toEqual([{ s: anonymizer.app.deps.pseudonymOf(t.workspaceId, own!.respondent.id), p: mathilde }]);
    expect(JSON.stringify(table)).not.toMatch(/garnier|lefort|mathilde|paul/i);
  });

  test('an erasure removes the respondent from their datasets\' pseudonym tables and never gives their placeholder again', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [mine, theirs] = await add(t, datasetId, [
      { externalId: 'c-600', name: 'Roseline Baudry', text: 'Roseline Baudry, cliente depuis dix ans.', consentRef: 'f' },
      { externalId: 'c-601', text: 'Le technicien Gaspard Moulin est passé.', consentRef: 'f' },
    ]);
    await Promise.all([mine, theirs].map((r) => anonymized(r!.id)));
    const before = await anonymizer.app.deps.pseudonymTables.findByDataset(datasetId);
    const roseline = before!.subjects[0]!.p;
    const kept = before!.values.filter((e) => e.p !== roseline);
    expect(before!.values.some((e) => e.p === roseline)).toBe(true);
    expect(kept.length).toBeGreaterThan(0);

    const erased = await request('ERASURE', mine!.respondent.id, 'RESPONDENT', t.workspaceId);
    expect(erased.anonymizer).toContainEqual({ collection: 'pseudonym_tables', action: 'UPDATED', count: 1 });
    const after = await anonymizer.app.deps.pseudonymTables.findByDataset(datasetId);
    expect(after!.values.some((e) => e.p === roseline) || after!.parts.some((e) => e.p === roseline)).toBe(false);
    expect(after!.subjects).toEqual([]);
    expect(after!.values).toEqual(kept);

    // The same name written later by somebody else is a new person to the table: a new number.
    const [later] = await add(t, datasetId, [{ externalId: 'c-602', text: 'Roseline Baudry ? Je ne la connais pas.', consentRef: 'f' }]);
    const doc = await anonymized(later!.id);
    expect(doc.text).toMatch(/<PERSON_\d+>/);
    expect(doc.text).not.toContain(roseline);
  });

  test('an erasure naming a respondent under another workspace changes nothing in either service', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [r] = await add(t, datasetId, [{ externalId: 'c-400', name: 'Inès Moreau', text: 'Inès Moreau : très bon accueil.', consentRef: 'f' }]);
    await anonymized(r!.id);
    const done = await request('ERASURE', r!.respondent.id, 'RESPONDENT', randomUUID());
    expect(done).toEqual({ ingestion: [], anonymizer: [{ collection: 'anonymized_responses', action: 'DELETED', count: 0 }, { collection: 'pseudonym_tables', action: 'UPDATED', count: 0 }, { collection: 'subjects', action: 'UPDATED', count: 1 }] });
    expect(await ingestion.app.deps.responses.findById(r!.id)).not.toBeNull();
    expect(await anonymizer.app.deps.anonymized.findById(r!.id)).not.toBeNull();
  });

  test('acknowledges a request about a user with nothing to do', async () => {
    const done = await request('ERASURE', randomUUID(), 'USER', null);
    expect(done).toEqual({ ingestion: [], anonymizer: [] });
  });

  test('lets only a workspace admin preview anonymization, refuses long texts, and stores nothing', async () => {
    const t = newTenant();
    const q = `query($ws: ID!, $text: String!) { anonymizationPreview(workspaceId: $ws, text: $text) { text language changes { type start end operator } } }`;
    const countBefore = await anonymizer.app.deps.anonymized.model.countDocuments();
    const ok = await anonymizer.gql(t.admin, q, { ws: t.workspaceId, text: 'Contact: paul@example.org' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!['anonymizationPreview'].text).not.toContain('paul@example.org');
    expect(ok.data!['anonymizationPreview'].changes[0]).toMatchObject({ type: 'EMAIL', start: 9, end: 25 });
    expect(codeOf(await anonymizer.gql(t.member, q, { ws: t.workspaceId, text: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await anonymizer.gql(t.outsider, q, { ws: t.workspaceId, text: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await anonymizer.gql(t.admin, q, { ws: t.workspaceId, text: 'a'.repeat(20_001) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await anonymizer.gql(t.admin, q, { ws: t.workspaceId, text: '' }))).toBe('BAD_USER_INPUT');
    expect(await anonymizer.app.deps.anonymized.model.countDocuments()).toBe(countBefore);
  });

  test('refuses a member of another workspace on the anonymizer\'s entity fields', async () => {
    const t = newTenant();
    const datasetId = await newDataset(t);
    const [r] = await add(t, datasetId, [{ externalId: 'c-400', text: 'Texte confidentiel.', consentRef: 'f' }]);
    await anonymized(r!.id);
    const a = await anonymizer.gql(t.outsider, ANONYMIZATION, { r: [{ __typename: 'Response', id: r!.id }] });
    const c = await anonymizer.gql(t.outsider, COUNT, { r: [{ __typename: 'Dataset', id: datasetId }] });
    expect(codeOf(a)).toBe('FORBIDDEN');
    expect(codeOf(c)).toBe('FORBIDDEN');
    expect(JSON.stringify(a.data ?? {})).not.toContain('confidentiel');
  });
});
