import type { ActionCount, RightsOutcome } from '@verbatim/contracts';

export interface AcknowledgementDoc {
  service: string;
  outcome: RightsOutcome;
  counts: ActionCount[];
  executedAt: Date;
  /** The holder's signed receipt (compact JWS) this acknowledgement was accepted on; see receipts.ts. */
  receipt?: string;
  /** The receipt's jti: the same receipt is never accepted twice. */
  receiptId?: string;
}

/**
 * The acknowledgement list after `ack`, or null when it changes nothing: a service is counted once,
 * and a later ack only replaces a FAILED one (the service retried and succeeded).
 * Services not expected for the request are ignored.
 */
export function withAcknowledgement(expected: readonly string[], acks: readonly AcknowledgementDoc[], ack: AcknowledgementDoc): AcknowledgementDoc[] | null {
  if (!expected.includes(ack.service)) return null;
  const previous = acks.find((a) => a.service === ack.service);
  if (!previous) return [...acks, ack];
  if (previous.outcome === 'FAILED' && ack.outcome === 'DONE') return acks.map((a) => (a.service === ack.service ? ack : a));
  return null;
}

/** Complete when every expected holder acknowledged having done it. */
export function isComplete(expected: readonly string[], acks: readonly AcknowledgementDoc[]): boolean {
  return expected.every((service) => acks.some((a) => a.service === service && a.outcome === 'DONE'));
}
