import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createLogger, type Principal } from '@verbatim/kit';
import { testInfra, uniqueName } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import { createBackends } from '../src/domain/backends.js';
import { applyConsentChange } from '../src/domain/consents.js';
import { storeAnonymizedResponse } from '../src/domain/corpus.js';
import type { ReportingDeps } from '../src/domain/deps.js';
import { reportRenderer } from '../src/domain/renderer.js';
import { createCorpusRepository } from '../src/model/corpus.repository.js';
import { createReportRepository } from '../src/model/report.repository.js';
import { createSubjectRepository } from '../src/model/subject.repository.js';
import { createReportingServer } from '../src/server.js';
import { FIXTURE, FIXTURE_LANGUAGES } from './fixtures/verbatims.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './llm/fake-openai-server.js';

// The LLM path with a real database and a local OpenAI-compatible endpoint registered as a subprocessor.
const infra = testInfra();
const workspaceId = randomUUID();
const datasetId = randomUUID();
const member: Principal = { userId: randomUUID(), workspaces: { [workspaceId]: 'MEMBER' } };
const responses = FIXTURE.slice(0, 24).map((f) => ({ id: randomUUID() as string, respondentId: randomUUID() as string, text: f.text, language: FIXTURE_LANGUAGES[f.id]! }));
const noAi = responses[0]!;

let conn: Connection;
let fake: FakeOpenAiServer;
let server: ReturnType<typeof createReportingServer>;
let deps: ReportingDeps;

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('reporting_llm'))).asPromise();
  fake = await startFakeOpenAiServer();
  const backends = createBackends({
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'test',
    LLM_MODEL: 'test-model',
    LLM_TIMEOUT_MS: 5_000,
    LLM_TOKEN_BUDGET: 200_000,
    SUBPROCESSORS_EXTRA: [{ name: 'Test endpoint', purpose: 'Reports in tests', host: '127.0.0.1', location: 'This machine', country: 'FR', safeguard: 'EU' }],
  });
  deps = {
    corpus: createCorpusRepository(conn),
    subjects: createSubjectRepository(conn),
    reports: createReportRepository(conn),
    generate: backends.generate,
    render: reportRenderer,
    subprocessors: () => backends.registry.list(),
    log: createLogger('reporting', 'silent'),
  };
  server = createReportingServer({ ...deps, maxDepth: 12 });
  for (const r of responses) {
    await storeAnonymizedResponse(deps, {
      responseId: r.id,
      workspaceId,
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
  await applyConsentChange(deps, { consentId: randomUUID(), workspaceId, subjectType: 'RESPONDENT', subjectId: noAi.respondentId, purpose: 'AI_PROCESSING', status: 'WITHDRAWN' });
});

afterAll(async () => {
  await fake?.close();
  await conn?.dropDatabase();
  await conn?.close();
});

async function generate(backend: 'EMBEDDED' | 'LLM') {
  const res = await server.executeOperation(
    { query: 'mutation G($input: GenerateReportInput!) { generateReport(input: $input) { id backend fallbackReason responseIds } }', variables: { input: { datasetId, backend } } },
    { contextValue: { principal: member, authProblem: null } },
  );
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  expect(res.body.singleResult.errors).toBeUndefined();
  return res.body.singleResult.data!['generateReport'] as { id: string; backend: string; fallbackReason: string | null; responseIds: string[] };
}

describe('LLM reports through a registered subprocessor', () => {
  test("an LLM report is built by the endpoint and never carries the text of a respondent who withdrew AI processing", async () => {
    const report = await generate('LLM');
    expect(report.backend).toBe('LLM');
    expect(report.fallbackReason).toBeNull();
    expect(report.responseIds).toHaveLength(responses.length - 1);
    expect(report.responseIds).not.toContain(noAi.id);
    expect(fake.requests.length).toBeGreaterThan(0);
    // Positive control first: the other respondents' texts do travel, so their absence below is meaningful.
    const excerpt = (text: string) => JSON.stringify(text.slice(0, 30)).slice(1, -1);
    expect(fake.requests.some((r) => r.body.includes(excerpt(responses[1]!.text)))).toBe(true);
    for (const request of fake.requests) expect(request.body).not.toContain(excerpt(noAi.text));
    expect((await deps.reports.findById(report.id))?.backend).toBe('LLM');
  });

  test('the same respondent stays in embedded reports, which never leave the platform', async () => {
    const sent = fake.requests.length;
    const report = await generate('EMBEDDED');
    expect(report.responseIds).toContain(noAi.id);
    expect(fake.requests.length).toBe(sent);
  });

  test('a failing endpoint gives an embedded report that says why, instead of an error', async () => {
    fake.fallback = 'error500';
    try {
      const report = await generate('LLM');
      expect(report.backend).toBe('EMBEDDED');
      expect(report.fallbackReason).toMatch(/LLM_UNAVAILABLE/);
    } finally {
      fake.fallback = 'ok';
    }
  });
});
