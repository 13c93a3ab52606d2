import { readFileSync } from 'node:fs';
import { createArchiveReader, createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { Clock, RightsDeps } from './domain/deps.js';
import { createWatchdog } from './domain/watchdog.js';
import type { RightsConfig } from './env.js';
import { rightsHandlers } from './events/handlers.js';
import { holderKeysFrom } from './domain/receipts.js';
import { createAccessSectionRepository } from './model/access-section.repository.js';
import { createAuditLogRepository } from './model/audit-log.repository.js';
import { createAuditRepository } from './model/audit.repository.js';
import { createLegalHoldRepository } from './model/legal-hold.repository.js';
import { createRefusalRepository } from './model/refusal.repository.js';
import { createPortabilityDeliveryRepository } from './model/portability-delivery.repository.js';
import { createRightsRequestRepository } from './model/request.repository.js';
import { PORTABILITY_ARCHIVE_ROUTE, portabilityArchiveRoute } from './routes/portability-archive.route.js';
import { createRightsServer } from './server.js';

export type RightsAppConfig = Pick<
  RightsConfig,
  | 'RIGHTS_DIGEST_KEY'
  | 'RIGHTS_HOLDER_URLS'
  | 'MAX_QUERY_DEPTH'
  | 'RIGHTS_WATCHDOG_INTERVAL_MS'
  | 'RIGHTS_REASK_AFTER_MS'
  | 'RIGHTS_MAX_ASKS'
  | 'RIGHTS_REPETITION_THRESHOLD'
  | 'RIGHTS_REPETITION_WINDOW_DAYS'
> &
  Partial<Pick<RightsConfig, 'PORTABILITY_LINK_TTL_MINUTES' | 'PORTABILITY_TRANSMIT_ATTEMPTS' | 'PORTABILITY_RETRY_BASE_MS' | 'PORTABILITY_TRUSTED_CA_FILE'>>;

/**
 * Everything rights is, given a connection, a bus and its configuration; main() and tests share it
 * (tests give a clock they can move). Rights holds no personal data beyond the request itself, so it
 * has no rights strategies.
 */
export function createRights({ conn, bus, log, mailer, signer, config, clock = () => new Date() }: ServiceBase & { config: RightsAppConfig; clock?: Clock }) {
  const retention = loadRetentionRules(new URL('./model/retention.json', import.meta.url));
  const requests = createRightsRequestRepository(conn);
  const relay = createOutboxRelay({ models: [requests.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: RightsDeps = {
    readArchive: createArchiveReader({ conn, rules: retention, field: 'Query.rightsArchive' }),
    requests,
    sections: createAccessSectionRepository(conn),
    auditLog: createAuditLogRepository(conn),
    holds: createLegalHoldRepository(conn),
    audit: createAuditRepository(conn),
    bus,
    relay,
    // Asked for at once: rights mails subjects (extension, refusal, fee), so its mail relay runs from the start.
    mailer: mailer(),
    log,
    digestKey: config.RIGHTS_DIGEST_KEY,
    signer,
    holderKeys: holderKeysFrom(config.RIGHTS_HOLDER_URLS),
    refusals: createRefusalRepository(conn),
    deliveries: createPortabilityDeliveryRepository(conn),
    portability: {
      linkTtlMs: (config.PORTABILITY_LINK_TTL_MINUTES ?? 24 * 60) * 60_000,
      attempts: config.PORTABILITY_TRANSMIT_ATTEMPTS ?? 4,
      retryBaseMs: config.PORTABILITY_RETRY_BASE_MS ?? 500,
      ...(config.PORTABILITY_TRUSTED_CA_FILE ? { trustedCa: readFileSync(config.PORTABILITY_TRUSTED_CA_FILE, 'utf8') } : {}),
    },
    clock,
    workflow: {
      reaskAfterMs: config.RIGHTS_REASK_AFTER_MS,
      maxAsks: config.RIGHTS_MAX_ASKS,
      repetitionThreshold: config.RIGHTS_REPETITION_THRESHOLD,
      repetitionWindowDays: config.RIGHTS_REPETITION_WINDOW_DAYS,
    },
  };
  // Holds carry rights.legal-hold-changed.v1 in their outbox.
  relay.add(deps.holds.model);
  const watchdog = createWatchdog({ ...deps, log: log.child({ component: 'watchdog' }) }, config.RIGHTS_WATCHDOG_INTERVAL_MS);
  return {
    deps,
    apollo: createRightsServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: rightsHandlers(deps),
    retention,
    watchdog,
    tasks: [watchdog],
    routes: { [PORTABILITY_ARCHIVE_ROUTE]: portabilityArchiveRoute(deps) },
  } satisfies ServiceParts & { deps: RightsDeps; watchdog: typeof watchdog };
}

export type Rights = ReturnType<typeof createRights>;
