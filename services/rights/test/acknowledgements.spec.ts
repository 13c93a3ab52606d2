import { describe, expect, test } from '@jest/globals';
import { isComplete, withAcknowledgement, type AcknowledgementDoc } from '../src/domain/acknowledgements.js';

const expected = ['identity', 'ingestion', 'consent'];
const ack = (service: string, outcome: 'DONE' | 'FAILED' = 'DONE'): AcknowledgementDoc => ({ service, outcome, counts: [], executedAt: new Date(0) });

describe('withAcknowledgement', () => {
  test('adds the first acknowledgement of an expected service', () => {
    expect(withAcknowledgement(expected, [], ack('identity'))).toEqual([ack('identity')]);
  });

  test('returns null for a second acknowledgement of the same service, so duplicates change nothing', () => {
    expect(withAcknowledgement(expected, [ack('identity')], ack('identity'))).toBeNull();
  });

  test('ignores services that are not expected', () => {
    expect(withAcknowledgement(expected, [], ack('reporting'))).toBeNull();
  });

  test('lets a DONE acknowledgement replace a FAILED one of the same service, but not the reverse', () => {
    expect(withAcknowledgement(expected, [ack('identity', 'FAILED')], ack('identity'))).toEqual([ack('identity')]);
    expect(withAcknowledgement(expected, [ack('identity')], ack('identity', 'FAILED'))).toBeNull();
  });
});

describe('isComplete', () => {
  test('is true only when every expected service acknowledged DONE', () => {
    expect(isComplete(expected, [ack('identity'), ack('ingestion')])).toBe(false);
    expect(isComplete(expected, [ack('identity'), ack('ingestion'), ack('consent', 'FAILED')])).toBe(false);
    expect(isComplete(expected, [ack('consent'), ack('identity'), ack('ingestion')])).toBe(true);
  });
});
