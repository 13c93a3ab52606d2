import { createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { RightsDeps } from './domain/deps.js';
import type { RightsConfig } from './env.js';
import { rightsHandlers } from './events/handlers.js';
import { holderKeysFrom } from './domain/receipts.js';
import { createAccessSectionRepository } from './model/access-section.repository.js';
import { createAuditLogRepository } from './model/audit-log.repository.js';
import { createRefusalRepository } from './model/refusal.repository.js';
import { createRightsRequestRepository } from './model/request.repository.js';
import { createRightsServer } from './server.js';


export type RightsAppConfig = Pick<RightsConfig, 'RIGHTS_DIGEST_KEY' | 'RIGHTS_HOLDER_URLS' | 'MAX_QUERY_DEPTH'>;

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
    auditLog: createAuditLogRepository(conn),
    bus,
    relay,
    log,
    digestKey: config.RIGHTS_DIGEST_KEY,
    signer,
    holderKeys: holderKeysFrom(config.RIGHTS_HOLDER_URLS),
    refusals: createRefusalRepository(conn),
  };
  return {
    deps,
    apollo: createRightsServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: rightsHandlers(deps),
    retention: loadRetentionRules(new URL('./model/retention.json', import.meta.url)),
  } satisfies ServiceParts & { deps: RightsDeps };
}

export type Rights = ReturnType<typeof createRights>;
