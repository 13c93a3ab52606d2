import type { ApolloServer } from '@apollo/server';
import { HOLDERS, loadDataMap, RIGHTS_OPENED, type HolderName, type ServiceName } from '@verbatim/contracts';
import type { JWTVerifyGetKey } from 'jose';
import type { Connection } from 'mongoose';
import type { RequestContext } from './auth/principal.js';
import { createDenyList, type DenyList } from './auth/deny-list.js';
import { CLIENT_ADDRESS_HEADER, listenForRevocations } from './auth/revocations.js';
import { createTokenVerifier, remoteKeys, type TokenSettings, type TokenVerifier } from './auth/tokens.js';
import { startHttp, type RouteHandler } from './http/server.js';
import { createEventBus, type EventBus, type EventHandlers } from './kafka/bus.js';
import { loadEventContracts } from './kafka/contracts.js';
import { exitOnStartupFailure, onShutdown, type ShutdownStep } from './lifecycle.js';
import { createLogger, type Logger } from './logger.js';
import { readTlsFiles } from './env.js';
import { connectMongo, mongoReady, syncIndexes } from './mongo/connection.js';
import { auditIndexUse } from './mongo/index-audit.js';
import type { OutboxRelay } from './mongo/outbox.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createProcessedEventStore } from './mongo/processed-events.js';
import { createRightsHandler, rightsDeadLetterHandler, type RightsStrategies } from './rights/execution.js';
import type { RightsRetryPolicy } from './rights/retries.js';
import { auditPlugin } from './audit/audit-plugin.js';
import { AUDIT_RECORDS_COLLECTION, createAuditRecorder } from './audit/audit-records.js';
import { ensureArchiveIndexes } from './retention/archive-read.js';
import { createRetention, type RetentionParts } from './retention/retention-service.js';
import type { RetentionRule } from './retention/rules.js';
import { loadServiceSigner, PROOF_KEYS_ROUTE, proofKeysRoute, type ServiceSigner } from './signing/service-signer.js';

/** The configuration every service has (see serviceEnvShape). */
export interface BaseServiceConfig {
  PORT: number;
  HOST: string;
  MONGO_URL: string;
  KAFKA_BROKERS: string[];
  KAFKA_TOPIC_PREFIX: string;
  LOG_LEVEL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWKS_URL?: string | undefined;
  SMTP_URL: string;
  MAIL_FROM: string;
  TLS_CERT_FILE?: string | undefined;
  TLS_KEY_FILE?: string | undefined;
  RIGHTS_RETRY_BUDGET_MS?: number;
  RIGHTS_RETRY_BASE_DELAY_MS?: number;
  RIGHTS_RETRY_MAX_DELAY_MS?: number;
  QUERY_INDEX_AUDIT_DIR?: string | undefined;
  SMTP_ALLOWED_HOSTS?: string[];
}

/** A holder's retry policy for its rights strategies, from its configuration (kit defaults otherwise). */
export function rightsRetryPolicy(config: Pick<BaseServiceConfig, 'RIGHTS_RETRY_BUDGET_MS' | 'RIGHTS_RETRY_BASE_DELAY_MS' | 'RIGHTS_RETRY_MAX_DELAY_MS'>): RightsRetryPolicy | undefined {
  if (config.RIGHTS_RETRY_BUDGET_MS === undefined || config.RIGHTS_RETRY_BASE_DELAY_MS === undefined || config.RIGHTS_RETRY_MAX_DELAY_MS === undefined) return undefined;
  return { budgetMs: config.RIGHTS_RETRY_BUDGET_MS, baseDelayMs: config.RIGHTS_RETRY_BASE_DELAY_MS, maxDelayMs: config.RIGHTS_RETRY_MAX_DELAY_MS };
}

/** What runService (and the test harness) hands a service's factory; its own configuration comes beside it. */
export interface ServiceBase {
  conn: Connection;
  bus: EventBus;
  log: Logger;
  /**
   * The service's mailer (outbox in its own database, relay to SMTP_URL), created on first call:
   * a service that never asks for it has no mail collection and no relay.
   */
  mailer: () => Mailer;
  /** Revoked sessions and subjects, fed from identity.access-revoked.v1; checked on every request. */
  denyList: DenyList;
  /** Signs what this service proves (receipts, certificates); its public keys are served at PROOF_KEYS_ROUTE. */
  signer: ServiceSigner;
}

/** What a service is, once its database and bus exist: built by the service, run by the kit. */
export interface ServiceParts {
  apollo: ApolloServer<RequestContext>;
  relay: OutboxRelay;
  /** The service's own consumers, by topic; a holder's rights handler is added by the kit from `rights`. */
  handlers: EventHandlers;
  /** A holder of personal data: what it does for each kind of rights request (see createRightsHandler). */
  rights?: RightsStrategies;
  /** Keys to verify tokens with; default: identity's JWKS at JWKS_URL. */
  keys?: JWTVerifyGetKey;
  routes?: Record<string, RouteHandler<RequestContext>>;
  /** See startHttp's requestTimeoutMs. */
  requestTimeoutMs?: number;
  /**
   * What the service keeps and for how long (its src/model/retention.json, see loadRetentionRules): the kit
   * sweeps them daily and on request, keeping what is under a legal hold.
   */
  retention?: readonly RetentionRule[];
  /** Background work beside the relay (e.g. a sweep): started after it, stopped before it. */
  tasks?: Array<{ name: string; start(): void; stop(): Promise<void> }>;
}

/** A service's `create<Name>`, bound to its configuration. */
export type ServiceFactory<P extends ServiceParts = ServiceParts> = (base: ServiceBase) => P | Promise<P>;

/**
 * Indexes first (unique constraints hold from the first write), then the outbox relay, then consuming.
 * A holder's rights handler is built here, before the indexes, because it registers the receipts model
 * (and adds it to the relay, which sends the acknowledgements).
 */
export async function startParts(
  service: ServiceName,
  base: Pick<ServiceBase, 'conn' | 'bus' | 'signer' | 'log'>,
  parts: Pick<ServiceParts, 'relay' | 'handlers' | 'rights' | 'retention'> & { apollo?: ServiceParts['apollo'] },
  options: { rightsRetry?: RightsRetryPolicy | undefined } = {},
): Promise<{ retention?: RetentionParts }> {
  const { conn, bus, signer, log } = base;
  if (parts.rights && !HOLDERS.includes(service as HolderName)) throw new Error(`${service} has rights strategies but is not a holder in the contracts`);
  parts.apollo?.addPlugin(auditPlugin(createAuditRecorder({ service, conn, bus, relay: parts.relay }), personalFieldsOf(service), log.child({ component: 'audit' })));
  const retention = parts.retention ? createRetention({ service, conn, bus, log, rules: [...parts.retention, AUDIT_OUTBOX_RULE] }) : undefined;
  const holder = { service: service as HolderName, conn, bus, relay: parts.relay, log, signer, ...(options.rightsRetry ? { retry: options.rightsRetry } : {}) };
  const handlers = {
    ...parts.handlers,
    ...(parts.rights ? { [RIGHTS_OPENED]: createRightsHandler({ ...holder, strategies: parts.rights, ...(retention ? { holds: retention.holds } : {}) }) } : {}),
    ...retention?.handlers,
  };
  await syncIndexes(conn);
  if (parts.retention) await ensureArchiveIndexes(conn, parts.retention);
  parts.relay.start();
  await bus.consume(handlers, createProcessedEventStore(conn), parts.rights ? { [RIGHTS_OPENED]: rightsDeadLetterHandler(holder) } : {});
  return retention ? { retention } : {};
}

/** The SDL fields (Type.field) of this service that the data map declares personal: what reads are audited. */
function personalFieldsOf(service: ServiceName): Set<string> {
  return new Set(loadDataMap().fields.filter((f) => f.holder === service).flatMap((f) => f.exposedAs));
}

/** Each service's copy of its audit entries, once published: rights keeps the audit log itself. */
const AUDIT_OUTBOX_RULE: RetentionRule = {
  name: 'audit-outbox',
  collection: AUDIT_RECORDS_COLLECTION,
  retention: 'AUDIT_TRAIL',
  from: 'at',
  after: 'P30D',
  action: 'DELETE',
  where: { outboxPending: false },
  why: "The service's copy of an audit entry only carries it to rights' audit log; a month after it was sent nothing needs it.",
};

/** The verified caller and the address the gateway saw them at. */
export async function requestContext(verifier: TokenVerifier, authorization: string | undefined, clientAddress: string | string[] | undefined): Promise<RequestContext> {
  const context = await verifier.context(authorization);
  return typeof clientAddress === 'string' ? { ...context, clientAddress } : context;
}

/**
 * main() of every service: logger, database, bus, the service's own parts, indexes, outbox relay,
 * consumers, mail relay (if the service asked for a mailer), HTTP; then an ordered shutdown (HTTP,
 * outbox, mail, Kafka, database). A failure before serving
 * is logged once and exits 1.
 */
export function runService(
  service: ServiceName,
  config: BaseServiceConfig,
  build: ServiceFactory,
): void {
  const log = createLogger(service, config.LOG_LEVEL);
  const start = async () => {
    const conn = await connectMongo(config.MONGO_URL, log);
    // Before any model exists on the connection, so every model's queries are audited.
    if (config.QUERY_INDEX_AUDIT_DIR) auditIndexUse(conn, service, config.QUERY_INDEX_AUDIT_DIR);
    const bus = createEventBus({ service, brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
    let mailer: Mailer | undefined;
    let mailerStarted = false;
    const getMailer = () => {
      if (!mailer) {
        mailer = createMailer({ conn, log, config });
        // Asked for after start-up: its collection's indexes are built on first use instead.
        if (mailerStarted) mailer.start();
      }
      return mailer;
    };
    const denyList = createDenyList();
    const signer = await loadServiceSigner(conn, service);
    const parts = await build({ conn, bus, log, mailer: getMailer, denyList, signer });
    const started = await startParts(service, { conn, bus, signer, log }, parts, { rightsRetry: rightsRetryPolicy(config) });
    const tasks = [...(parts.tasks ?? []), ...(started.retention ? [started.retention.task] : [])];
    // Before serving: a token revoked while this process was down is refused from its first request.
    await listenForRevocations(bus, denyList);
    // After the indexes (startParts), like the event outbox relay.
    mailer?.start();
    mailerStarted = true;
    for (const task of tasks) task.start();
    const settings: TokenSettings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    if (!parts.keys && !config.JWKS_URL) throw new Error('JWKS_URL is required to verify access tokens');
    const verifier = createTokenVerifier(parts.keys ?? remoteKeys(config.JWKS_URL!), settings, denyList);
    const tls = readTlsFiles(config);
    const http = await startHttp({
      apollo: parts.apollo,
      ...(tls ? { tls } : {}),
      port: config.PORT,
      host: config.HOST,
      log,
      context: (req) => requestContext(verifier, req.headers.authorization, req.headers[CLIENT_ADDRESS_HEADER]),
      readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
      routes: { [PROOF_KEYS_ROUTE]: proofKeysRoute(signer), ...parts.routes },
      ...(parts.requestTimeoutMs !== undefined ? { requestTimeoutMs: parts.requestTimeoutMs } : {}),
    });
    onShutdown(log, [
      ['http', () => http.close()],
      ...tasks.map((task): ShutdownStep => [task.name, () => task.stop()]),
      ['outbox', () => parts.relay.stop()],
      ['mail', async () => mailer?.stop()],
      ['kafka', () => bus.stop()],
      ['mongo', () => conn.close()],
    ]);
  };
  start().catch(exitOnStartupFailure(log));
}
