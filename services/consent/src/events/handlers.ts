import { RIGHTS_OPENED } from '@verbatim/contracts';
import { createRightsHandler, type EventBus, type EventHandlers, type OutboxRelay } from '@verbatim/kit';
import type { Connection } from 'mongoose';
import { consentRightsStrategies } from '../domain/rights.js';
import type { ConsentRepository } from '../model/consent.repository.js';

/** Every topic consent consumes, with its handler. */
export function consentHandlers(deps: { conn: Connection; bus: EventBus; relay: OutboxRelay; consents: ConsentRepository }): EventHandlers {
  return {
    [RIGHTS_OPENED]: createRightsHandler({ service: 'consent', conn: deps.conn, bus: deps.bus, relay: deps.relay, strategies: consentRightsStrategies(deps) }),
  };
}
