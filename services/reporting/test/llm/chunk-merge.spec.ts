import { describe, expect, test } from '@jest/globals';
import { analyseInChunks } from '../../src/llm/chunk-merge.js';
import { chunkResponses } from '../../src/llm/chunking.js';
import type { CompletionRequest } from '../../src/llm/completion.js';
import { createPersonalDataGuard } from '../../src/llm/guard.js';

const guard = createPersonalDataGuard();

/** Stands in for the LLM API: answers each request from a script, and records what was asked. */
function scriptedModel(answers: Array<(request: CompletionRequest) => unknown>) {
  const requests: CompletionRequest[] = [];
  const complete = async (request: CompletionRequest) => {
    requests.push(request);
    const answer = answers[requests.length - 1];
    if (!answer) throw new Error('unexpected request');
    return request.parse(answer(request));
  };
  return { complete, requests };
}

describe('chunk-then-merge', () => {
  test('one chunk: one request, its themes and scores mapped back to outbound positions, no merge', async () => {
    const chunks = chunkResponses(['late parcel', 'late again', 'great support'], 2500);
    const model = scriptedModel([
      () => ({
        summary: 'Deliveries are late.',
        themes: [{ label: 'Late delivery', terms: ['late'], responses: [1, 2, 9], quotes: [2, 3] }],
        sentiments: [{ ref: 1, score: -0.5 }, { ref: 3, score: 0.8 }],
      }),
    ]);
    const result = await analyseInChunks(chunks, model.complete, guard);
    expect(model.requests.map((r) => r.schemaName)).toEqual(['report_chunk']);
    // Unknown response 9 is dropped; quote 3 is not a member of the theme, so it is dropped too.
    expect(result.themes).toEqual([{ label: 'Late delivery', terms: ['late'], members: [0, 1], quotes: [1] }]);
    expect(result.scores).toEqual(new Map([[0, -0.5], [2, 0.8]]));
    expect(result.summary).toBe('Deliveries are late.');
  });

  test('several chunks: the merge joins the themes it names and keeps the ones it forgot', async () => {
    const texts = Array.from({ length: 6 }, (_, i) => `response ${i} about a late parcel and the support desk`);
    const chunks = chunkResponses(texts, 50);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 2, 2]);
    const chunkAnswer = (request: CompletionRequest) => {
      const lines = request.user.split('\n').length - 1;
      return {
        summary: 'part',
        themes: [
          { label: 'Late', terms: ['late'], responses: [1], quotes: [1] },
          ...(lines > 1 ? [{ label: 'Support', terms: ['support'], responses: [2], quotes: [] }] : []),
        ],
        sentiments: [],
      };
    };
    const model = scriptedModel([
      ...chunks.map(() => chunkAnswer),
      () => ({ summary: 'Merged.', themes: [{ label: 'Late parcels', terms: ['late'], sources: chunks.map((_, c) => `c${c + 1}t1`) }] }),
    ]);
    const result = await analyseInChunks(chunks, model.complete, guard);
    expect(model.requests.map((r) => r.schemaName)).toEqual([...chunks.map(() => 'report_chunk'), 'report_merge']);
    expect(result.summary).toBe('Merged.');
    expect(result.themes[0]).toMatchObject({ label: 'Late parcels', members: chunks.map((chunk) => chunk[0]!.index) });
    // Every "Support" theme the merge did not name stays a theme of its own.
    const forgotten = result.themes.slice(1);
    expect(forgotten.map((theme) => theme.members)).toEqual(chunks.map((chunk) => [chunk[1]!.index]));
    for (const theme of forgotten) expect(theme.label).toBe('Support');
  });
});
