import { describe, expect, test } from '@jest/globals';
import { restrictionApplies } from '../src/domain/restriction.js';
import { createPseudonymizer } from '../src/domain/pseudonym.js';

describe('respondent pseudonyms', () => {
  const respondentId = '0b6a4a3e-9a57-4c1e-9a0e-6c1f2b1d7e11';

  test('are R- followed by the first 12 hex of HMAC-SHA256 of the respondent id under the key', async () => {
    const { createHmac } = await import('node:crypto');
    const key = 'a'.repeat(64);
    const expected = `R-${createHmac('sha256', Buffer.from(key, 'hex')).update(respondentId).digest('hex').slice(0, 12)}`;
    expect(createPseudonymizer(key)(respondentId)).toBe(expected);
    expect(expected).toMatch(/^R-[0-9a-f]{12}$/);
  });

  test('are stable for a key and differ between keys', () => {
    expect(createPseudonymizer('1'.repeat(64))(respondentId)).toBe(createPseudonymizer('1'.repeat(64))(respondentId));
    expect(createPseudonymizer('1'.repeat(64))(respondentId)).not.toBe(createPseudonymizer('2'.repeat(64))(respondentId));
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
