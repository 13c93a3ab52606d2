import { createOutboxRelay, runService } from '@verbatim/kit';
import { loadConsentConfig } from './env.js';
import { consentHandlers } from './events/handlers.js';
import { createConsentRepository } from './model/consent.repository.js';
import { createConsentServer } from './server.js';

const config = loadConsentConfig();

runService('consent', config, ({ conn, bus, log }) => {
  const consents = createConsentRepository(conn);
  const relay = createOutboxRelay({ models: [consents.model], publisher: bus, log });
  return {
    apollo: createConsentServer({ consents, events: bus, relay, log, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: consentHandlers({ conn, bus, relay, consents }),
  };
});
