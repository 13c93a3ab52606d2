import { describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED, RIGHTS_OPENED, type ConsentChanged } from '@verbatim/contracts';
import { createEnvelope, loadEventContracts, type EventBus, type EventHandlers, type OutboxEntry } from '../src/index.js';

const consent: ConsentChanged = {
  consentId: '0b6f5a4e-8d2c-4e1a-9f3b-6c7d8e9f0a1b',
  workspaceId: '3f2b8a1e-0c6d-4f7e-9a51-2d7c1b9e4a10',
  subjectType: 'RESPONDENT',
  subjectId: '9d1c3a7b-52e4-4b8f-a6d0-7e3f1c2b5a94',
  purpose: 'ANALYSIS',
  status: 'GRANTED',
};

/**
 * Never called: `npm run typecheck` fails if one of these lines compiles, i.e. if the bus stops
 * tying a topic to its payload type.
 */
export function typeErrorsTheCompilerMustReport(bus: EventBus) {
  // @ts-expect-error a consent payload on the rights topic
  void bus.publish(RIGHTS_OPENED, 'key', consent);
  // @ts-expect-error a topic that is not in topics.json
  void bus.publish('consent.consent-changed.v2', 'key', consent);
  const handlers: EventHandlers = {
    // @ts-expect-error the handler of one topic reads a field only another topic's payload has
    [CONSENT_CHANGED]: async (event) => void event.payload.requestId,
  };
  // @ts-expect-error an outbox entry whose envelope belongs to another topic
  const entry: OutboxEntry = { topic: RIGHTS_OPENED, key: 'key', envelope: createEnvelope(CONSENT_CHANGED, 'consent', 'key', consent) };
  return [handlers, entry];
}

describe('typed contracts', () => {
  test('an envelope built for a topic carries its type, version and source and passes that topic contract', () => {
    const envelope = createEnvelope(CONSENT_CHANGED, 'consent', consent.subjectId, consent);
    expect(envelope).toMatchObject({ type: 'consent.consent-changed', version: 1, source: 'consent', subjectId: consent.subjectId, payload: consent });
    expect(() => loadEventContracts().validate(CONSENT_CHANGED, envelope)).not.toThrow();
  });

  test('the same payload breaks the contract of another topic', () => {
    const envelope = createEnvelope(CONSENT_CHANGED, 'consent', consent.subjectId, consent);
    expect(() => loadEventContracts().validate(RIGHTS_OPENED, envelope)).toThrow(/breaks its contract/);
  });
});
