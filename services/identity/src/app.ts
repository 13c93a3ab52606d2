import { SUBJECT_REQUEST_RECEIVED } from '@verbatim/contracts';
import { createOutboxRelay, loadRetentionRules, type ServiceBase, type ServiceParts } from '@verbatim/kit';
import type { IdentityDeps } from './domain/deps.js';
import { maintenanceTask } from './domain/maintenance.js';
import { createPasswordHasher } from './domain/passwords.js';
import { identityRightsStrategies } from './domain/rights.js';
import { loadKeyRing } from './domain/signing.js';
import { tellAdminsOfSubjectRequest } from './domain/subject-requests.js';
import { defaultThrottlePolicies, type ThrottlePolicies } from './domain/throttle.js';
import { identitySettings, type IdentityConfig, type IdentitySettings } from './env.js';
import { createAccessGrantRepository } from './model/access-grant.repository.js';
import { createAccountTokenRepository } from './model/account-token.repository.js';
import { createApiClientRepository } from './model/api-client.repository.js';
import { createAssistanceThreadRepository } from './model/assistance-thread.repository.js';
import { createInterestRepository } from './model/interest.repository.js';
import { createLoginThrottleRepository } from './model/login-throttle.repository.js';
import { createRevocationRepository } from './model/revocation.repository.js';
import { createSessionRepository } from './model/session.repository.js';
import { createSigningKeyRepository } from './model/signing-key.repository.js';
import { createUserRepository } from './model/user.repository.js';
import { createPrivacyPolicyRepository } from './model/privacy-policy.repository.js';
import { createRespondentCodeRepository } from './model/respondent-code.repository.js';
import { createWorkspaceRepository } from './model/workspace.repository.js';
import { OAUTH_TOKEN_ROUTE, oauthTokenRoute } from './routes/oauth-token.js';
import { SESSION_ROUTES, sessionCookieRoutes } from './routes/session-cookies.js';
import { createIdentityServer } from './server.js';

export type IdentityAppConfig = Pick<IdentityConfig, 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'MAX_QUERY_DEPTH'> & Partial<IdentitySettings>;

/** Everything identity is, given a connection, a bus and its configuration; main() and tests share it. */
export async function createIdentity({ conn, bus, log, mailer, denyList, config, throttle = defaultThrottlePolicies }: ServiceBase & { config: IdentityAppConfig; throttle?: ThrottlePolicies }) {
  const settings = identitySettings(Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'JWT_ISSUER' && k !== 'JWT_AUDIENCE' && k !== 'MAX_QUERY_DEPTH')));
  const revocations = createRevocationRepository(conn, bus);
  const accessGrants = createAccessGrantRepository(conn);
  // Revocations and access grants (their audit entries) leave through their documents' outbox; rights receipts are added by the kit.
  const relay = createOutboxRelay({ models: [revocations.model, accessGrants.model], publisher: bus, log: log.child({ component: 'outbox' }) });
  const deps: IdentityDeps = {
    users: createUserRepository(conn),
    workspaces: createWorkspaceRepository(conn),
    sessions: createSessionRepository(conn),
    revocations,
    throttles: createLoginThrottleRepository(conn),
    accountTokens: createAccountTokenRepository(conn),
    apiClients: createApiClientRepository(conn),
    policies: createPrivacyPolicyRepository(conn),
    assistance: createAssistanceThreadRepository(conn),
    interests: createInterestRepository(conn),
    accessGrants,
    bus,
    codes: createRespondentCodeRepository(conn),
    keys: await loadKeyRing(createSigningKeyRepository(conn), { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, {
      ttlSeconds: settings.TOKEN_TTL_SECONDS,
      rotationSeconds: settings.KEY_ROTATION_SECONDS,
      overlapSeconds: settings.KEY_OVERLAP_SECONDS,
    }),
    passwords: createPasswordHasher(settings.HASH_CONCURRENCY, settings.HASH_QUEUE),
    mailer: mailer(),
    relay,
    denyList,
    throttle,
    settings,
  };
  return {
    deps,
    apollo: createIdentityServer({ ...deps, log, maxDepth: config.MAX_QUERY_DEPTH }),
    relay,
    handlers: {
      [SUBJECT_REQUEST_RECEIVED]: (event) => tellAdminsOfSubjectRequest(deps, log.child({ component: 'subject-requests' }), event.payload),
    },
    retention: loadRetentionRules(new URL('./model/retention.json', import.meta.url)),
    rights: identityRightsStrategies(deps, bus),
    // Identity verifies its own tokens against its own current keys, without an HTTP round trip.
    keys: deps.keys.getKey,
    tasks: [maintenanceTask(deps, log.child({ component: 'maintenance' }))],
    routes: {
      '/.well-known/jwks.json': (_req, res) => {
        res.setHeader('content-type', 'application/jwk-set+json');
        // Short: verifiers also refetch on an unknown kid, so a new key is picked up at once.
        res.setHeader('cache-control', 'public, max-age=300');
        res.end(JSON.stringify(deps.keys.jwks()));
      },
      [OAUTH_TOKEN_ROUTE]: oauthTokenRoute(deps, log.child({ component: 'oauth' })),
      [SESSION_ROUTES]: sessionCookieRoutes(deps, log.child({ component: 'session-cookies' })),
    },
  } satisfies ServiceParts & { deps: IdentityDeps };
}

export type Identity = Awaited<ReturnType<typeof createIdentity>>;
