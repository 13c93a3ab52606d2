import { createHmac } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { subjectDigest } from '../src/domain/digest.js';

const key = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const id = '8a6e0804-2bd0-4672-b79c-d97027f9071a';

describe('subjectDigest', () => {
  test('is the hex HMAC-SHA256 of "<subjectType>:<subjectId>" under the hex-decoded key', () => {
    const expected = createHmac('sha256', Buffer.from(key, 'hex')).update(`RESPONDENT:${id}`).digest('hex');
    expect(subjectDigest(key, 'RESPONDENT', id)).toBe(expected);
    expect(subjectDigest(key, 'RESPONDENT', id)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('is stable, so a later check can recompute it from the person\'s id', () => {
    expect(subjectDigest(key, 'USER', id)).toBe(subjectDigest(key, 'USER', id));
  });

  test('differs by subject type and by key, and never contains the id', () => {
    const other = 'ff'.repeat(32);
    expect(subjectDigest(key, 'USER', id)).not.toBe(subjectDigest(key, 'RESPONDENT', id));
    expect(subjectDigest(other, 'USER', id)).not.toBe(subjectDigest(key, 'USER', id));
    expect(subjectDigest(key, 'USER', id)).not.toContain(id.slice(0, 8));
  });
});
