import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newTenant, startTestService, type TestService, type TestTenant } from '@verbatim/kit/testing';
import { createReporting, type Reporting } from '../src/app.js';
import { applyConsentChange } from '../src/domain/consents.js';
import { storeAnonymizedResponse } from '../src/domain/corpus.js';
import { FIXTURE, FIXTURE_LANGUAGES } from './fixtures/verbatims.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './llm/fake-openai-server.js';

// The LLM path with a real database and a local OpenAI-compatible endpoint registered as a subprocessor.
let fake: FakeOpenAiServer;
let reporting: TestService<Reporting>;

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  const config = {
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'test',
    LLM_MODEL: 'test-model',
    LLM_TIMEOUT_MS: 5_000,
    LLM_TOKEN_BUDGET: 200_000,
    SUBPROCESSORS_EXTRA: [{ name: 'Test endpoint', purpose: 'Reports in tests', host: '127.0.0.1', location: 'This machine', country: 'FR', safeguard: 'EU' as const }],
    MAX_QUERY_DEPTH: 12,
  };
  reporting = await startTestService('reporting', (base) => createReporting({ ...base, config }));
});

afterAll(async () => {
  await reporting?.stop();
  await fake?.close();
});

/** A dataset of this test's tenant, 24 anonymized responses stored; the first respondent withdrew AI processing. */
async function seed() {
  const t = newTenant();
  const datasetId = randomUUID();
  const responses = FIXTURE.slice(0, 24).map((f) => ({ id: randomUUID() as string, respondentId: randomUUID() as string, text: f.text, language: FIXTURE_LANGUAGES[f.id]! }));
  for (const r of responses) {
    await storeAnonymizedResponse(reporting.app.deps, {
      responseId: r.id,
      workspaceId: t.workspaceId,
      datasetId,
      datasetVersion: 1,
      respondentId: r.respondentId,
      pseudonym: 'R-0123456789ab',
      anonymizedText: r.text,
      language: r.language,
      entityCounts: {},
      submittedAt: '2026-01-05T10:00:00.000Z',
    });
  }
  const noAi = responses[0]!;
  await applyConsentChange(reporting.app.deps, { consentId: randomUUID(), workspaceId: t.workspaceId, subjectType: 'RESPONDENT', subjectId: noAi.respondentId, purpose: 'AI_PROCESSING', status: 'WITHDRAWN' });
  return { t, datasetId, responses, noAi };
}

async function generate(t: TestTenant, datasetId: string, backend: 'EMBEDDED' | 'LLM') {
  const res = await reporting.gql(t.member, 'mutation G($input: GenerateReportInput!) { generateReport(input: $input) { id backend fallbackReason responseIds } }', { input: { datasetId, backend } });
  expect(res.errors).toBeUndefined();
  return res.data!['generateReport'] as { id: string; backend: string; fallbackReason: string | null; responseIds: string[] };
}

describe('LLM reports through a registered subprocessor', () => {
  test("an LLM report is built by the endpoint and never carries the text of a respondent who withdrew AI processing", async () => {
    const { t, datasetId, responses, noAi } = await seed();
    const before = fake.requests.length;
    const report = await generate(t, datasetId, 'LLM');
    expect(report.backend).toBe('LLM');
    expect(report.fallbackReason).toBeNull();
    expect(report.responseIds).toHaveLength(responses.length - 1);
    expect(report.responseIds).not.toContain(noAi.id);
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    // Positive control first: the other respondents' texts do travel, so their absence below is meaningful.
    const excerpt = (text: string) => JSON.stringify(text.slice(0, 30)).slice(1, -1);
    expect(sent.some((r) => r.body.includes(excerpt(responses[1]!.text)))).toBe(true);
    for (const request of sent) expect(request.body).not.toContain(excerpt(noAi.text));
    expect((await reporting.app.deps.reports.findById(report.id))?.backend).toBe('LLM');
  });

  test('the same respondent stays in embedded reports, which never leave the platform', async () => {
    const { t, datasetId, noAi } = await seed();
    const sent = fake.requests.length;
    const report = await generate(t, datasetId, 'EMBEDDED');
    expect(report.responseIds).toContain(noAi.id);
    expect(fake.requests.length).toBe(sent);
  });

  test('a failing endpoint gives an embedded report that says why, instead of an error', async () => {
    const { t, datasetId } = await seed();
    fake.fallback = 'error500';
    try {
      const report = await generate(t, datasetId, 'LLM');
      expect(report.backend).toBe('EMBEDDED');
      expect(report.fallbackReason).toMatch(/LLM_UNAVAILABLE/);
    } finally {
      fake.fallback = 'ok';
    }
  });
});
