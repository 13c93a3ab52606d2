import { createOutboxRelay, runService } from '@verbatim/kit';
import { loadRightsConfig } from './env.js';
import { rightsHandlers } from './events/handlers.js';
import { createRightsRequestRepository } from './model/request.repository.js';
import { createRightsServer } from './server.js';

const config = loadRightsConfig();

runService('rights', config, ({ conn, bus, log }) => {
  const requests = createRightsRequestRepository(conn);
  const relay = createOutboxRelay({ models: [requests.model], publisher: bus, log });
  const deps = { requests, events: bus, relay, log, digestKey: config.RIGHTS_DIGEST_KEY };
  return { apollo: createRightsServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }), relay, handlers: rightsHandlers(deps) };
});
