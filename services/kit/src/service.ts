import type { ApolloServer } from '@apollo/server';
import type { JWTVerifyGetKey } from 'jose';
import type { Connection } from 'mongoose';
import type { RequestContext } from './auth/principal.js';
import { createTokenVerifier, remoteKeys, type TokenSettings } from './auth/tokens.js';
import { startHttp, type RouteHandler } from './http/server.js';
import { createEventBus, type EventBus, type EventHandler } from './kafka/bus.js';
import { loadEventContracts } from './kafka/contracts.js';
import type { ServiceName } from './kafka/envelope.js';
import { exitOnStartupFailure, onShutdown, type ShutdownStep } from './lifecycle.js';
import { createLogger, type Logger } from './logger.js';
import { connectMongo, mongoReady, syncIndexes } from './mongo/connection.js';
import type { OutboxRelay } from './mongo/outbox.js';
import { createProcessedEventStore } from './mongo/processed-events.js';

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
}

/** What a service is, once its database and bus exist: built by the service, run by the kit. */
export interface ServiceParts {
  apollo: ApolloServer<RequestContext>;
  relay: OutboxRelay;
  handlers: Record<string, EventHandler>;
  /** Keys to verify tokens with; default: identity's JWKS at JWKS_URL. */
  keys?: JWTVerifyGetKey;
  routes?: Record<string, RouteHandler<RequestContext>>;
  /** See startHttp's requestTimeoutMs. */
  requestTimeoutMs?: number;
  /** Background work beside the relay (e.g. a sweep): started after it, stopped before it. */
  tasks?: Array<{ name: string; start(): void; stop(): Promise<void> }>;
}

/** Indexes first (unique constraints hold from the first write), then the outbox relay, then consuming. */
export async function startParts(conn: Connection, bus: EventBus, parts: Pick<ServiceParts, 'relay' | 'handlers'>): Promise<void> {
  await syncIndexes(conn);
  parts.relay.start();
  await bus.consume(parts.handlers, createProcessedEventStore(conn));
}

/**
 * main() of every service: logger, database, bus, the service's own parts, indexes, outbox relay,
 * consumers, HTTP; then an ordered shutdown (HTTP, outbox, Kafka, database). A failure before serving
 * is logged once and exits 1.
 */
export function runService(
  service: ServiceName,
  config: BaseServiceConfig,
  build: (base: { conn: Connection; bus: EventBus; log: Logger }) => ServiceParts | Promise<ServiceParts>,
): void {
  const log = createLogger(service, config.LOG_LEVEL);
  const start = async () => {
    const conn = await connectMongo(config.MONGO_URL, log);
    const bus = createEventBus({ service, brokers: config.KAFKA_BROKERS, contracts: loadEventContracts(), log, topicPrefix: config.KAFKA_TOPIC_PREFIX });
    const parts = await build({ conn, bus, log });
    await startParts(conn, bus, parts);
    for (const task of parts.tasks ?? []) task.start();
    const settings: TokenSettings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    if (!parts.keys && !config.JWKS_URL) throw new Error('JWKS_URL is required to verify access tokens');
    const verifier = createTokenVerifier(parts.keys ?? remoteKeys(config.JWKS_URL!), settings);
    const http = await startHttp({
      apollo: parts.apollo,
      port: config.PORT,
      host: config.HOST,
      log,
      context: (req) => verifier.context(req.headers.authorization),
      readiness: { mongo: () => mongoReady(conn), kafka: () => bus.ready() },
      ...(parts.routes ? { routes: parts.routes } : {}),
      ...(parts.requestTimeoutMs !== undefined ? { requestTimeoutMs: parts.requestTimeoutMs } : {}),
    });
    onShutdown(log, [
      ['http', () => http.close()],
      ...(parts.tasks ?? []).map((task): ShutdownStep => [task.name, () => task.stop()]),
      ['outbox', () => parts.relay.stop()],
      ['kafka', () => bus.stop()],
      ['mongo', () => conn.close()],
    ]);
  };
  start().catch(exitOnStartupFailure(log));
}
