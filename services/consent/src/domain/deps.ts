import type { EventBus, Logger, OutboxRelay } from '@verbatim/kit';
import type { ConsentRepository } from '../model/consent.repository.js';

/** What the consent domain needs; resolvers and the rights strategies receive the same object. */
export interface ConsentDeps {
  consents: ConsentRepository;
  bus: Pick<EventBus, 'envelope'>;
  relay: Pick<OutboxRelay, 'kick'>;
  log: Logger;
}
