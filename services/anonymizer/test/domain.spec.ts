import { describe, expect, test } from '@jest/globals';
import { restrictionApplies } from '../src/domain/restriction.js';
import { createPseudonymizer } from '../src/domain/pseudonym.js';

describe('respondent pseudonyms', () => {
  const respondentId = '0b6a4a3e-9a57-4c1e-9a0e-6c1f2b1d7e11';

  const workspaceId = '5c0f7e2a-3b4d-4e6f-8a9b-0c1d2e3f4a5b';

  test('are R- followed by the first 12 hex of HMAC-SHA256 of workspace and respondent ids under the key', async () => {
    const { createHmac } = await import('node:crypto');
    const key = 'a'.repeat(64);
    const expected = `R-${createHmac('sha256', Buffer.from(key, 'hex')).update(`${workspaceId}:${respondentId}`).digest('hex').slice(0, 12)}`;
    expect(createPseudonymizer(key)(workspaceId, respondentId)).toBe(expected);
    expect(expected).toMatch(/^R-[0-9a-f]{12}$/);
  });

  test('are stable for a key and differ between keys', () => {
    expect(createPseudonymizer('1'.repeat(64))(workspaceId, respondentId)).toBe(createPseudonymizer('1'.repeat(64))(workspaceId, respondentId));
    expect(createPseudonymizer('1'.repeat(64))(workspaceId, respondentId)).not.toBe(createPseudonymizer('2'.repeat(64))(workspaceId, respondentId));
  });

  test('differ between workspaces, so one workspace cannot name another workspace\'s respondent', () => {
    const pseudonymize = createPseudonymizer('1'.repeat(64));
    expect(pseudonymize(workspaceId, respondentId)).not.toBe(pseudonymize('9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', respondentId));
  });

  test('refuse a key that is not 64 hexadecimal characters', () => {
    expect(() => createPseudonymizer('abc')).toThrow(/64 hexadecimal/);
  });
});

describe('restriction of a subject', () => {
  const at = new Date('2025-01-01T12:00:00Z');
  test.each([
    ['no subject record', null, '2025-01-01T11:00:00Z', false],
    ['a subject that is not restricted', { restricted: false, restrictedAt: null }, '2025-01-01T11:00:00Z', false],
    ['an event created before the restriction', { restricted: true, restrictedAt: at }, '2025-01-01T11:59:59Z', true],
    ['an event created after the restriction (a re-forward after a lift not yet seen here)', { restricted: true, restrictedAt: at }, '2025-01-01T12:00:01Z', false],
    ['a restriction without a recorded time', { restricted: true, restrictedAt: null }, '2030-01-01T00:00:00Z', true],
  ])('decides whether to skip the event with %s', (_, subject, occurredAt, skip) => {
    expect(restrictionApplies(subject, occurredAt)).toBe(skip);
  });
});
