import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED, type RightsKind } from '@verbatim/contracts';
import { startTestService, waitFor, type EventObserver, type TestService } from '@verbatim/kit/testing';
import { createConsent, type Consent } from '../src/app.js';

// What the retention sweep would see while the holder answers a request: the kit holds the subject.
let service: TestService<Consent>;
let seen: EventObserver;
const heldWhileAnswering = new Map<string, boolean>();
const held = async (subjectId: string) => (await service.retention!.holds.heldAmong([subjectId])).has(subjectId);

beforeAll(async () => {
  service = await startTestService('consent', async (base) => {
    const app = await createConsent({ ...base, config: { MAX_QUERY_DEPTH: 12 } });
    for (const kind of ['ACCESS', 'ERASURE'] as RightsKind[]) {
      const strategy = app.rights[kind]!;
      app.rights[kind] = async (request) => {
        heldWhileAnswering.set(request.requestId, await held(request.subjectId));
        return strategy(request);
      };
    }
    return app;
  });
  seen = await service.observe([RIGHTS_ACKNOWLEDGED]);
});
afterAll(async () => {
  await service?.stop();
});

describe('retention keeps the subject of an open request', () => {
  test.each([
    ['ACCESS', true],
    ['ERASURE', false],
  ] as const)('while the holder answers %s, its sweeps hold the subject: %s; and not after', async (kind, expected) => {
    const subjectId = randomUUID();
    const requestId = randomUUID();
    await service.as('rights').publish(RIGHTS_OPENED, subjectId, { requestId, kind, subjectType: 'USER', subjectId, workspaceId: null });
    const ack = await seen.waitFor((e) => e.payload['requestId'] === requestId, `the ${kind} acknowledgement`);
    expect(ack.payload).toMatchObject({ service: 'consent', outcome: 'DONE' });
    expect(heldWhileAnswering.get(requestId)).toBe(expected);
    // Released once the answer is recorded (its event may be out a moment before).
    await waitFor(async () => ((await held(subjectId)) ? undefined : true), { what: 'the hold released' });
  });
});
