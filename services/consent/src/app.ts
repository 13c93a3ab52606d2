import { createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { ConsentDeps } from './domain/deps.js';
import { consentRightsStrategies } from './domain/rights.js';
import type { ConsentConfig } from './env.js';
import { createConsentRepository } from './model/consent.repository.js';
import { createConsentServer } from './server.js';


export type ConsentAppConfig = Pick<ConsentConfig, 'MAX_QUERY_DEPTH'>;

/** Everything consent is, given a connection, a bus and its configuration; main() and tests share it. */
export function createConsent({ conn, bus, log, config }: ServiceBase & { config: ConsentAppConfig }) {
  const consents = createConsentRepository(conn);
  const relay = createOutboxRelay({ models: [consents.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: ConsentDeps = { consents, bus, relay, log };
  return {
    deps,
    apollo: createConsentServer({ ...deps, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    // Consent consumes only rights requests, handled by the kit from the strategies.
    handlers: {},
    retention: loadRetentionRules(new URL('./model/retention.json', import.meta.url)),
    rights: consentRightsStrategies(deps, bus),
  } satisfies ServiceParts & { deps: ConsentDeps };
}

export type Consent = ReturnType<typeof createConsent>;
