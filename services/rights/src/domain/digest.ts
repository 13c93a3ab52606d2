import { createHmac } from 'node:crypto';
import type { SubjectType } from '@verbatim/contracts';

/**
 * What replaces an erased subject's id in the proof: hex HMAC-SHA256(key, "<subjectType>:<subjectId>").
 * Keyed, so the proof cannot be reversed by hashing every known id; recomputable by whoever holds the
 * key, so "was this person erased?" can still be answered.
 */
export function subjectDigest(keyHex: string, subjectType: SubjectType, subjectId: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${subjectType}:${subjectId}`).digest('hex');
}
