import { createArchiveReader, createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { ConsentDeps } from './domain/deps.js';
import { createNoticeResumer } from './domain/notices.js';
import { consentRightsStrategies } from './domain/rights.js';
import type { ConsentConfig } from './env.js';
import { createConsentRepository } from './model/consent.repository.js';
import { loadDigestKey } from './model/digest-key.repository.js';
import { createConsentNoticeRepository } from './model/notice.repository.js';
import { createConsentServer } from './server.js';

export type ConsentAppConfig = Pick<ConsentConfig, 'MAX_QUERY_DEPTH'>;

/** Everything consent is, given a connection, a bus and its configuration; main() and tests share it. */
export async function createConsent({ conn, bus, log, signer, config }: ServiceBase & { config: ConsentAppConfig }) {
  const retention = loadRetentionRules(new URL('./model/retention.json', import.meta.url));
  const consents = createConsentRepository(conn);
  const notices = createConsentNoticeRepository(conn);
  const relay = createOutboxRelay({ models: [consents.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: ConsentDeps = { consents, notices, bus, relay, log, signer, digestKey: await loadDigestKey(conn), readArchive: createArchiveReader({ conn, rules: retention, field: 'Query.consentArchive' }) };
  return {
    deps,
    apollo: createConsentServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    // Consent consumes only rights requests, handled by the kit from the strategies.
    handlers: {},
    retention,
    rights: consentRightsStrategies(deps, bus),
    tasks: [createNoticeResumer(deps)],
  } satisfies ServiceParts & { deps: ConsentDeps };
}

export type Consent = Awaited<ReturnType<typeof createConsent>>;
