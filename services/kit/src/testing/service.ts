import kafkajs from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Principal } from '../auth/principal.js';
import { createDenyList, type DenyList } from '../auth/deny-list.js';
import { listenForRevocations } from '../auth/revocations.js';
import { createEventBus, type EventBus } from '../kafka/bus.js';
import { loadEventContracts } from '../kafka/contracts.js';
import type { ServiceName } from '@verbatim/contracts';
import type { EventEnvelope } from '../kafka/envelope.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { ensureTopics } from '../kafka/topics.js';
import { createLogger, type Logger } from '../logger.js';
import { connectMongo } from '../mongo/connection.js';
import { loadServiceSigner, type ServiceSigner } from '../signing/service-signer.js';
import type { RetentionParts } from '../retention/retention-service.js';
import { startParts, type ServiceFactory, type ServiceParts } from '../service.js';
import type { RightsRetryPolicy } from '../rights/retries.js';

/** Tests retry a failing rights strategy for seconds, not minutes, and with short waits. */
export const testRightsRetryPolicy: RightsRetryPolicy = Object.freeze({ budgetMs: 15_000, baseDelayMs: 50, maxDelayMs: 1_000 });
import { gql, type GqlResult } from './graphql.js';
import { testInfra, uniqueName, waitFor } from './infra.js';
import { observeTopics, type EventObserver } from './observer.js';

/** One service built by its own factory on a throwaway database and topic prefix, started as in production. */
export interface TestService<P extends ServiceParts> {
  /** What the factory returned. */
  app: P;
  conn: Connection;
  bus: EventBus;
  /** This service's deny list, fed from the revocation topic as in production. */
  denyList: DenyList;
  /** The service's retention (its rules, legal holds, sweep on demand); the daily sweep is not started in tests. */
  retention: RetentionParts | undefined;
  /** This service's proof signer (keys in its test database). */
  signer: ServiceSigner;
  /** Prepended to every topic name; give it to another startTestService to share the topics. */
  prefix: string;
  log: Logger;
  /** Executes one operation against the built subgraph server (no HTTP) as `principal` (null: anonymous). */
  gql(principal: Principal | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult>;
  /** A producer speaking as another service on the same topics, to play the services around this one. */
  as(service: ServiceName): EventBus;
  /** Records the given topics from the beginning; stopped by stop(). */
  observe(topics: string[]): Promise<EventObserver>;
  /** Waits until this service has fully handled `event` (its dedup mark is written after the handler). */
  handled(event: Pick<EventEnvelope, 'id'>): Promise<void>;
  /** Stops observers, producers, relay and consumers; deletes the topics it created and drops the database. */
  stop(): Promise<void>;
}

export async function startTestService<P extends ServiceParts>(
  service: ServiceName,
  factory: ServiceFactory<P>,
  options: {
    topicPrefix?: string;
    /** The holder's retries of a failing rights strategy (default testRightsRetryPolicy). */
    rightsRetry?: RightsRetryPolicy;
    /** How long the bus retries a failing handler before dead-lettering its message (default: the bus's). */
    retryBudgetMs?: number;
  } = {},
): Promise<TestService<P>> {
  const infra = testInfra();
  const contracts = loadEventContracts();
  const log = createLogger(`${service}-test`, process.env['LOG_LEVEL'] ?? 'silent');
  const prefix = options.topicPrefix ?? `${uniqueName(service)}.`;
  const conn = await connectMongo(infra.mongoUrlFor(uniqueName(`${service}_test`)), log);
  const bus = createEventBus({ service, brokers: infra.brokers, contracts, log, topicPrefix: prefix, ...(options.retryBudgetMs !== undefined ? { retryBudgetMs: options.retryBudgetMs } : {}) });
  const createdTopics = await ensureTopics(bus.admin(), contracts.topics, prefix);
  // Mail goes to the test stack's Mailpit; started only if the service asks for it.
  let mailer: Mailer | undefined;
  const smtp = { SMTP_URL: process.env['TEST_SMTP_URL'] ?? 'smtp://127.0.0.1:1', MAIL_FROM: 'Verbatim tests <no-reply@verbatim.test>' };
  const denyList = createDenyList();
  const signer = await loadServiceSigner(conn, service);
  const app = await factory({ conn, bus, log, mailer: () => (mailer ??= createMailer({ conn, log, config: smtp })), denyList, signer });
  const { retention } = await startParts(service, { conn, bus, signer, log }, app, { rightsRetry: options.rightsRetry ?? testRightsRetryPolicy });
  await listenForRevocations(bus, denyList);
  mailer?.start();

  const producers = new Map<ServiceName, EventBus>();
  const observers: EventObserver[] = [];
  return {
    app,
    denyList,
    signer,
    retention,
    conn,
    bus,
    prefix,
    log,
    gql: (principal, query, variables = {}) => gql(app.apollo, principal, query, variables),
    as(other) {
      let producer = producers.get(other);
      if (!producer) {
        producer = createEventBus({ service: other, brokers: infra.brokers, contracts, log, topicPrefix: prefix });
        producers.set(other, producer);
      }
      return producer;
    },
    async observe(topics) {
      const observer = await observeTopics(prefix, topics);
      observers.push(observer);
      return observer;
    },
    async handled(event) {
      await waitFor(async () => (await conn.db!.collection('processed_events').findOne({ _id: `${service}:${event.id}` as never })) !== null, {
        what: `${service} to handle event ${event.id}`,
      });
    },
    async stop() {
      for (const observer of observers) await observer.stop();
      for (const producer of producers.values()) await producer.stop();
      await app.relay.stop();
      await mailer?.stop();
      await bus.stop();
      if (createdTopics.length) await deleteTopics(infra.brokers, createdTopics);
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/** After every consumer of the prefix has left; a failure only leaves topics behind, so it is not an error. */
async function deleteTopics(brokers: string[], topics: string[]): Promise<void> {
  const admin = new kafkajs.Kafka({ clientId: 'test-cleanup', brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}
