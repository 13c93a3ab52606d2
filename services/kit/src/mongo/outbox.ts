import type { Topic } from '@verbatim/contracts';
import { Schema, type Model } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Envelope, EventEnvelope } from '../kafka/envelope.js';

/**
 * Transactional outbox without transactions: events are written inside the document whose change they
 * announce (one single-document write), then a relay publishes them and clears them. A crash between
 * the two only causes a re-publish, which consumers absorb because they deduplicate by event id.
 */
/** Any mongoose model, whatever its document, query-helper and virtual types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, any, any, any, any, any, any>;

/** One event waiting in a document's outbox; the envelope's payload is typed by its topic. */
export type OutboxEntry<T extends Topic = Topic> = { [U in T]: { topic: U; key: string; envelope: Envelope<U> } }[T];

export interface OutboxFields {
  outbox?: OutboxEntry[];
  outboxPending?: boolean;
  outboxSeq?: number;
}

export const outboxSchemaFields = {
  outbox: { type: [Schema.Types.Mixed], default: undefined },
  outboxPending: { type: Boolean, default: false, index: true },
  outboxSeq: { type: Number, default: 0 },
} as const;

/** Fields to put in a new document so its creation and its events are one write. */
export function outboxOnCreate(entries: OutboxEntry[]): OutboxFields {
  return entries.length ? { outbox: entries, outboxPending: true, outboxSeq: 1 } : { outboxPending: false, outboxSeq: 0 };
}

/** Update operators that append events to an existing document in the same write as the change. */
export function outboxOnUpdate(entries: OutboxEntry[]) {
  return { $push: { outbox: { $each: entries } }, $set: { outboxPending: true }, $inc: { outboxSeq: 1 } };
}

export interface OutboxPublisher {
  publishEnvelope(topic: Topic, key: string, envelope: EventEnvelope): Promise<void>;
}

export interface OutboxRelay {
  /** Relays one more collection's outbox too (e.g. the rights receipts the kit's rights handler writes). */
  add(model: AnyModel): void;
  start(): void;
  /** Runs a relay pass soon; called right after a write so events leave without waiting for the poll. */
  kick(): void;
  stop(): Promise<void>;
}

export function createOutboxRelay(deps: {
  models: AnyModel[];
  publisher: OutboxPublisher;
  log: Logger;
  intervalMs?: number;
}): OutboxRelay {
  const { publisher, log } = deps;
  const models = [...deps.models];
  const intervalMs = deps.intervalMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  async function relayOnce(): Promise<void> {
    for (const model of models) {
      const docs = (await (model as Model<any>)
        .find({ outboxPending: true }, { outbox: 1, outboxSeq: 1 })
        .limit(200)
        .lean()) as Array<{ _id: unknown; outbox?: OutboxEntry[]; outboxSeq: number }>;
      for (const doc of docs) {
        for (const entry of doc.outbox ?? []) {
          await publisher.publishEnvelope(entry.topic, entry.key, entry.envelope);
        }
        // Cleared only if no event was appended meanwhile; otherwise the next pass publishes all again.
        await model.updateOne({ _id: doc._id, outboxSeq: doc.outboxSeq }, { $set: { outbox: [], outboxPending: false } });
      }
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = relayOnce()
      .catch((err: unknown) => log.warn({ err }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  }

  return {
    add(model) {
      if (!models.includes(model)) models.push(model);
    },
    start() {
      stopped = false;
      timer = setInterval(run, intervalMs);
      run();
    },
    kick: run,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
