import { describe, expect, test } from '@jest/globals';
import { datasetVersionOf, isExcluded, keepAnalyzable } from '../src/domain/exclusions.js';
import type { SubjectDoc } from '../src/model/subject.schema.js';

const subject = (over: Partial<SubjectDoc>): SubjectDoc => ({
  _id: 's',
  restricted: false,
  analysisWithdrawn: false,
  aiProcessingWithdrawn: false,
  updatedAt: new Date(0),
  ...over,
});

describe('which respondents a new report may use', () => {
  test.each([
    ['a respondent with no limitation on record', undefined, 'EMBEDDED', false],
    ['a restricted respondent (Art. 18)', subject({ restricted: true }), 'EMBEDDED', true],
    ['a respondent who objected to analysis (Art. 21)', subject({ analysisWithdrawn: true }), 'EMBEDDED', true],
    ['a respondent who withdrew AI processing, for an embedded report', subject({ aiProcessingWithdrawn: true }), 'EMBEDDED', false],
    ['a respondent who withdrew AI processing, for an LLM report', subject({ aiProcessingWithdrawn: true }), 'LLM', true],
    ['a respondent whose restriction was lifted', subject({ restricted: false }), 'LLM', false],
  ] as const)('%s is excluded: %s', (_name, s, backend, expected) => {
    expect(isExcluded(s, backend)).toBe(expected);
  });

  test('keepAnalyzable drops every response of an excluded respondent and keeps the others in order', () => {
    const items = [
      { id: 1, workspaceId: 'w', respondentId: 'a' },
      { id: 2, workspaceId: 'w', respondentId: 'b' },
      { id: 3, workspaceId: 'w', respondentId: 'a' },
      { id: 4, workspaceId: 'w', respondentId: 'c' },
    ];
    expect(keepAnalyzable(items, [subject({ _id: 'w:a', restricted: true }), subject({ _id: 'w:c' })], 'EMBEDDED').map((i) => i.id)).toEqual([2, 4]);
  });

  test('a restriction recorded under another workspace does not exclude a respondent', () => {
    const items = [{ id: 1, workspaceId: 'w1', respondentId: 'a' }];
    expect(keepAnalyzable(items, [subject({ _id: 'w2:a', restricted: true })], 'EMBEDDED').map((i) => i.id)).toEqual([1]);
  });

  test('the dataset version of a report is the highest version among the responses it uses', () => {
    expect(datasetVersionOf([{ datasetVersion: 2 }, { datasetVersion: 5 }, { datasetVersion: 1 }])).toBe(5);
    expect(datasetVersionOf([])).toBe(0);
  });
});
