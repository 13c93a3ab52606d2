import { describe, expect, test } from '@jest/globals';
import { AppError, parseInput } from '@verbatim/kit';
import { recordConsentInput } from '../src/domain/consents.js';

const valid = {
  workspaceId: '3f2b8a1e-0c6d-4f7e-9a51-2d7c1b9e4a10',
  subjectType: 'RESPONDENT',
  subjectId: '9d1c3a7b-52e4-4b8f-a6d0-7e3f1c2b5a94',
  purpose: 'ANALYSIS',
  source: '  survey form 2025  ',
};

describe('recordConsent input', () => {
  test('a valid input is accepted and its source is trimmed', () => {
    expect(parseInput(recordConsentInput, valid).source).toBe('survey form 2025');
  });

  test.each([
    ['a workspace id that is not an id', { workspaceId: 'acme' }, 'workspaceId'],
    ['a subject id that is not an id', { subjectId: 'jane@example.com' }, 'subjectId'],
    ['an empty source', { source: '   ' }, 'source'],
    ['a source over 200 characters', { source: 'x'.repeat(201) }, 'source'],
    ['an unknown purpose', { purpose: 'MARKETING' }, 'purpose'],
  ])('%s is BAD_USER_INPUT naming the field', (_, change, field) => {
    try {
      parseInput(recordConsentInput, { ...valid, ...change });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_USER_INPUT');
      expect((err as AppError).details?.['fields']).toEqual([expect.objectContaining({ field })]);
    }
  });
});
