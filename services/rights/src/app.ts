import { readFileSync } from 'node:fs';
import { createOutboxRelay, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { RightsDeps } from './domain/deps.js';
import type { RightsConfig } from './env.js';
import { rightsHandlers } from './events/handlers.js';
import { createAccessSectionRepository } from './model/access-section.repository.js';
import { createPortabilityDeliveryRepository } from './model/portability-delivery.repository.js';
import { createRightsRequestRepository } from './model/request.repository.js';
import { PORTABILITY_ARCHIVE_ROUTE, portabilityArchiveRoute } from './routes/portability-archive.route.js';
import { createRightsServer } from './server.js';


export type RightsAppConfig = Pick<RightsConfig, 'RIGHTS_DIGEST_KEY' | 'MAX_QUERY_DEPTH'> &
  Partial<Pick<RightsConfig, 'PORTABILITY_LINK_TTL_MINUTES' | 'PORTABILITY_TRANSMIT_ATTEMPTS' | 'PORTABILITY_RETRY_BASE_MS' | 'PORTABILITY_TRUSTED_CA_FILE'>>;

/**
 * Everything rights is, given a connection, a bus and its configuration; main() and tests share it.
 * Rights holds no personal data beyond the request itself, so it has no rights strategies.
 */
export function createRights({ conn, bus, log, signer, config }: ServiceBase & { config: RightsAppConfig }) {
  const requests = createRightsRequestRepository(conn);
  const relay = createOutboxRelay({ models: [requests.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: RightsDeps = {
    requests,
    sections: createAccessSectionRepository(conn),
    deliveries: createPortabilityDeliveryRepository(conn),
    bus,
    relay,
    log,
    digestKey: config.RIGHTS_DIGEST_KEY,
    signer,
    portability: {
      linkTtlMs: (config.PORTABILITY_LINK_TTL_MINUTES ?? 24 * 60) * 60_000,
      attempts: config.PORTABILITY_TRANSMIT_ATTEMPTS ?? 4,
      retryBaseMs: config.PORTABILITY_RETRY_BASE_MS ?? 500,
      ...(config.PORTABILITY_TRUSTED_CA_FILE ? { trustedCa: readFileSync(config.PORTABILITY_TRUSTED_CA_FILE, 'utf8') } : {}),
    },
  };
  return {
    deps,
    apollo: createRightsServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: rightsHandlers(deps),
    routes: { [PORTABILITY_ARCHIVE_ROUTE]: portabilityArchiveRoute(deps) },
  } satisfies ServiceParts & { deps: RightsDeps };
}

export type Rights = ReturnType<typeof createRights>;
