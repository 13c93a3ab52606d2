import { beforeAll, describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import { ok } from '../support/graph.js';
import { createTenant, type Tenant } from '../support/tenant.js';

/** The fake OpenAI-compatible endpoint the test stack registers as a subprocessor (see deploy/local). */
function fakeLlmUrl(): string {
  const url = process.env['TEST_FAKE_LLM_URL'];
  if (!url) throw new Error('TEST_FAKE_LLM_URL is not set: run the tests with `npm test`.');
  return url;
}
const recordedBodies = async (): Promise<string[]> =>
  ((await (await fetch(`${fakeLlmUrl()}/__requests`)).json()) as Array<{ body: string }>).map((r) => r.body);

const seeded = [
  { externalId: 'llm-1', name: 'Margaux Lefebvre', email: 'margaux.lefebvre@exemple.fr', text: (p: string, e: string) => `${p} ici : trois semaines de retard de livraison, écrivez-moi à ${e} ou au 07 81 22 33 44.` },
  { externalId: 'llm-2', name: 'Harold Whitfield', email: 'harold.w@example.co.uk', text: (p: string, e: string) => `This is ${p}. The app crashes at checkout every single time. Reach me at ${e}.` },
  { externalId: 'llm-3', name: 'Noémie Garnier', email: 'noemie.garnier@exemple.fr', text: (p: string) => `Je suis ${p}, le prix de l'abonnement a encore augmenté, c'est trop cher.` },
];

describe('an LLM report through the gateway, against an OpenAI-compatible endpoint registered as an EU subprocessor', () => {
  let tenant: Tenant;
  let datasetId: string;

  beforeAll(async () => {
    tenant = await createTenant('llm');
    datasetId = (await ok(`mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`, { i: { workspaceId: tenant.workspaceId, name: 'LLM survey' } }, tenant.token)).createDataset.id;
    const responses = seeded.map((p) => ({ externalId: p.externalId, name: p.name, email: p.email, text: p.text(p.name, p.email), consentRef: 'form-llm' }));
    await ok(`mutation($i: AddResponsesInput!) { addResponses(input: $i) { responses { id } } }`, { i: { datasetId, responses } }, tenant.token);
    await waitFor(
      async () => (await ok(`query($id: ID!) { dataset(id: $id) { analyzableCount } }`, { id: datasetId }, tenant.token)).dataset.analyzableCount === seeded.length,
      { timeoutMs: 60_000, what: 'anonymized responses in reporting' },
    );
  });

  test('the report is built by the LLM backend, and no request the provider received carries the seeded personal data', async () => {
    const before = (await recordedBodies()).length;
    const report = (
      await ok(
        `mutation($i: GenerateReportInput!) { generateReport(input: $i) { backend fallbackReason responseCount themes { label count } markdown } }`,
        { i: { datasetId, backend: 'LLM' } },
        tenant.token,
      )
    ).generateReport;
    expect(report.backend).toBe('LLM');
    expect(report.fallbackReason).toBeNull();
    expect(report.responseCount).toBe(seeded.length);
    expect(report.themes.length).toBeGreaterThan(0);

    const sent = (await recordedBodies()).slice(before);
    expect(sent.length).toBeGreaterThan(0);
    const all = sent.join('\n').toLowerCase();
    expect(all).toMatch(/livraison|checkout|abonnement/);
    for (const p of seeded) {
      expect(all).not.toContain(p.email);
      expect(all).not.toContain(p.name.toLowerCase());
      expect(all).not.toContain(p.name.split(' ')[1]!.toLowerCase());
    }
    expect(all).not.toMatch(/07 81 22 33 44/);
  });

  test('the platform lists its subprocessors on request, each with its location and transfer safeguard', async () => {
    const { subprocessors } = await ok(`{ subprocessors { name host country safeguard } }`, {}, tenant.token);
    expect(subprocessors).toEqual(expect.arrayContaining([expect.objectContaining({ host: '127.0.0.1', safeguard: 'EU' }), expect.objectContaining({ host: 'api.openai.com', safeguard: 'SCC' })]));
  });
});
