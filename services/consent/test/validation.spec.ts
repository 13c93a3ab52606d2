import { describe, expect, test } from '@jest/globals';
import { AppError, parseInput } from '@verbatim/kit';
import { createHash } from 'node:crypto';
import { recordConsentInput } from '../src/domain/consents.js';
import { toEvidence } from '../src/domain/evidence.js';

const valid = {
  workspaceId: '3f2b8a1e-0c6d-4f7e-9a51-2d7c1b9e4a10',
  subjectType: 'RESPONDENT',
  subjectId: '9d1c3a7b-52e4-4b8f-a6d0-7e3f1c2b5a94',
  purpose: 'ANALYSIS',
  source: '  survey form 2025  ',
  method: 'WEB_FORM',
  evidence: { text: 'I agree that my answers are analysed.', proofRef: 'form-2025/submission/81' },
};

describe('recordConsent input', () => {
  test('a valid input is accepted and its source is trimmed', () => {
    expect(parseInput(recordConsentInput, valid).source).toBe('survey form 2025');
  });

  test('the notice text is hashed with SHA-256 for the record', () => {
    const evidence = toEvidence(parseInput(recordConsentInput, valid).evidence);
    expect(evidence).toEqual({ text: 'I agree that my answers are analysed.', textSha256: createHash('sha256').update('I agree that my answers are analysed.').digest('hex'), proofSha256: null, proofRef: 'form-2025/submission/81' });
  });

  test.each([
    ['a workspace id that is not an id', { workspaceId: 'acme' }, 'workspaceId'],
    ['a subject id that is not an id', { subjectId: 'jane@example.com' }, 'subjectId'],
    ['an empty source', { source: '   ' }, 'source'],
    ['a source over 200 characters', { source: 'x'.repeat(201) }, 'source'],
    ['an unknown purpose', { purpose: 'MARKETING' }, 'purpose'],
    ['no evidence', { evidence: undefined }, 'evidence'],
    ['evidence without the text shown', { evidence: { text: ' ', proofRef: 'x' } }, 'evidence.text'],
    ['evidence without a proof hash or reference', { evidence: { text: 'I agree.' } }, 'evidence.proofSha256'],
    ['a proof hash that is not SHA-256 hex', { evidence: { text: 'I agree.', proofSha256: 'abc' } }, 'evidence.proofSha256'],
    ['an unknown collection method', { method: 'PHONE' }, 'method'],
    ['a collection time that is not ISO 8601', { collectedAt: 'yesterday' }, 'collectedAt'],
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
