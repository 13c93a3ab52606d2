import type { ApolloServer } from '@apollo/server';
import { HOLDERS, RIGHTS_OPENED, type HolderName, type ServiceName } from '@verbatim/contracts';
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
import { connectMongo, mongoReady, syncIndexes } from './mongo/connection.js';
import type { OutboxRelay } from './mongo/outbox.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createProcessedEventStore } from './mongo/processed-events.js';
import { createRightsHandler, rightsDeadLetterHandler, type RightsStrategies } from './rights/execution.js';
import type { RightsRetryPolicy } from './rights/retries.js';

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
  RIGHTS_RETRY_BUDGET_MS?: number;
  RIGHTS_RETRY_BASE_DELAY_MS?: number;
  RIGHTS_RETRY_MAX_DELAY_MS?: number;
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
  conn: Connection,
  bus: EventBus,
  parts: Pick<ServiceParts, 'relay' | 'handlers' | 'rights'>,
  options: { log: Logger; rightsRetry?: RightsRetryPolicy | undefined },
): Promise<void> {
  if (parts.rights && !HOLDERS.includes(service as HolderName)) throw new Error(`${service} has rights strategies but is not a holder in the contracts`);
  const holder = { service: service as HolderName, conn, bus, relay: parts.relay, log: options.log, ...(options.rightsRetry ? { retry: options.rightsRetry } : {}) };
  const handlers = parts.rights ? { ...parts.handlers, [RIGHTS_OPENED]: createRightsHandler({ ...holder, strategies: parts.rights }) } : parts.handlers;
  await syncIndexes(conn);
  parts.relay.start();
  await bus.consume(handlers, createProcessedEventStore(conn), parts.rights ? { [RIGHTS_OPENED]: rightsDeadLetterHandler(holder) } : {});
}

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
    const parts = await build({ conn, bus, log, mailer: getMailer, denyList });
    await startParts(service, conn, bus, parts, { log, rightsRetry: rightsRetryPolicy(config) });
    // Before serving: a token revoked while this process was down is refused from its first request.
    await listenForRevocations(bus, denyList);
    // After the indexes (startParts), like the event outbox relay.
    mailer?.start();
    mailerStarted = true;
    for (const task of parts.tasks ?? []) task.start();
    const settings: TokenSettings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    if (!parts.keys && !config.JWKS_URL) throw new Error('JWKS_URL is required to verify access tokens');
    const verifier = createTokenVerifier(parts.keys ?? remoteKeys(config.JWKS_URL!), settings, denyList);
    const http = await startHttp({
      apollo: parts.apollo,
      port: config.PORT,
      host: config.HOST,
      log,
      context: (req) => requestContext(verifier, req.headers.authorization, req.headers[CLIENT_ADDRESS_HEADER]),
      readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
      ...(parts.routes ? { routes: parts.routes } : {}),
      ...(parts.requestTimeoutMs !== undefined ? { requestTimeoutMs: parts.requestTimeoutMs } : {}),
    });
    onShutdown(log, [
      ['http', () => http.close()],
      ...(parts.tasks ?? []).map((task): ShutdownStep => [task.name, () => task.stop()]),
      ['outbox', () => parts.relay.stop()],
      ['mail', async () => mailer?.stop()],
      ['kafka', () => bus.stop()],
      ['mongo', () => conn.close()],
    ]);
  };
  start().catch(exitOnStartupFailure(log));
}
