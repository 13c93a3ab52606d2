import { describe, expect, test } from '@jest/globals';
import { AppError, parseInput } from '@verbatim/kit';
import { generateReportInput } from '../src/domain/reports.js';
import { reportTitle } from '../src/domain/generator.js';
import { shareReportInput } from '../src/domain/sharing.js';

const id = '3F2B8A1E-0C6D-4F7E-9A51-2D7C1B9E4A10';

describe('generateReport input', () => {
  test('a dataset id is accepted in any case and stored lowercased, and the backend defaults to EMBEDDED', () => {
    expect(parseInput(generateReportInput, { datasetId: id })).toEqual({ datasetId: id.toLowerCase(), backend: 'EMBEDDED' });
    expect(parseInput(generateReportInput, { datasetId: id, backend: null }).backend).toBe('EMBEDDED');
    expect(parseInput(generateReportInput, { datasetId: id, backend: 'LLM' }).backend).toBe('LLM');
  });

  test.each([
    [{ datasetId: 'abc' }, /datasetId must be a UUID/],
    [{ datasetId: id, backend: 'GPT' }, /backend must be EMBEDDED or LLM/],
    [{}, /datasetId/],
  ])('an invalid input %j is refused with BAD_USER_INPUT naming the field', (input, message) => {
    let error: unknown;
    try {
      parseInput(generateReportInput, input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    expect((error as AppError).message).toMatch(message);
  });

  test('the report title is derived from stored fields only, so a re-render after erasure keeps it', () => {
    const at = new Date('2026-03-04T10:00:00Z');
    expect(reportTitle({ datasetId: 'd', datasetVersion: 3, createdAt: at })).toBe('Report on dataset d (version 3, 2026-03-04)');
  });
});

describe('shareReport input', () => {
  test('the report id is lowercased and the message trimmed; an empty or missing message means none', () => {
    expect(parseInput(shareReportInput, { reportId: id, message: '  for the team\n  ' })).toEqual({ reportId: id.toLowerCase(), message: 'for the team' });
    expect(parseInput(shareReportInput, { reportId: id, message: '   ' }).message).toBeNull();
    expect(parseInput(shareReportInput, { reportId: id }).message).toBeNull();
    expect(parseInput(shareReportInput, { reportId: id, message: 'a\tb\nc' }).message).toBe('a\tb\nc');
  });

  test.each([
    [{ reportId: 'abc' }, 'reportId', /reportId must be a UUID/],
    [{ reportId: id, message: 'x'.repeat(501) }, 'message', /at most 500 characters/],
    [{ reportId: id, message: 'null\u0000byte' }, 'message', /control characters/],
    [{ reportId: id, message: 42 }, 'message', /message must be a string/],
  ])('an invalid input %j is refused with BAD_USER_INPUT naming %s', (input, field, message) => {
    let error: unknown;
    try {
      parseInput(shareReportInput, input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    expect((error as AppError).details).toEqual({ fields: [{ field, problem: expect.stringMatching(message) }] });
  });
});
