import type { Topic } from '@verbatim/contracts';
import { Schema, type Model } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Envelope } from '../kafka/envelope.js';

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
  /** Produces many entries in one round trip per broker, in the order given per key. */
  publishEnvelopes(entries: readonly OutboxEntry[]): Promise<void>;
}

export interface OutboxRelay {
  /** Relays one more collection's outbox too (e.g. the rights receipts the kit's rights handler writes). */
  add(model: AnyModel): void;
  start(): void;
  /**
   * Runs a relay pass soon; every writer calls it right after a write, so events leave at once. With
   * the ids it wrote, the pass reads just those documents by `_id` (the embedded database uses no
   * secondary index, so a search on `outboxPending` reads the whole collection); without, it searches.
   */
  kick(written?: { model: AnyModel; ids: readonly unknown[] }): void;
  /** Resolves once no pass is running or asked for (tests use it to know what a pass has read). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Documents read per pass and collection; their events go out as one produce request. */
const PASS_SIZE = 500;

/**
 * Writers wake the relay (kick) after each write; the timer is only a safety net for events a crash
 * left behind or a write that forgot to kick, so an idle service does not poll its database.
 */
export const OUTBOX_SAFETY_POLL_MS = 30_000;

export function createOutboxRelay(deps: {
  models: AnyModel[];
  publisher: OutboxPublisher;
  log: Logger;
  intervalMs?: number;
}): OutboxRelay {
  const { publisher, log } = deps;
  const models = [...deps.models];
  const intervalMs = deps.intervalMs ?? OUTBOX_SAFETY_POLL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  // What the next pass reads: documents named by writers, and whether to search every collection.
  let hinted = new Map<AnyModel, Set<unknown>>();
  let searchWanted = true;

  type Pending = { _id: unknown; outbox?: OutboxEntry[]; outboxSeq: number };

  /** Publishes the documents' events, then clears each outbox unless an event was appended meanwhile. */
  async function publishAndClear(model: AnyModel, docs: Pending[]): Promise<void> {
    if (!docs.length) return;
    await publisher.publishEnvelopes(docs.flatMap((doc) => doc.outbox ?? []));
    // Cleared only if no event was appended meanwhile; otherwise the next pass publishes all again.
    await model.bulkWrite(
      docs.map((doc) => ({
        updateOne: { filter: { _id: doc._id, outboxSeq: doc.outboxSeq }, update: { $set: { outbox: [], outboxPending: false } } },
      })),
      { ordered: false },
    );
  }

  const pendingOf = (model: AnyModel, filter: Record<string, unknown>) =>
    (model as Model<any>).find({ ...filter, outboxPending: true }, { outbox: 1, outboxSeq: 1 }).limit(PASS_SIZE).lean() as Promise<Pending[]>;

  /** One batch of one collection; true when the collection may hold more pending documents. */
  async function searchBatch(model: AnyModel): Promise<boolean> {
    const docs = await pendingOf(model, {});
    await publishAndClear(model, docs);
    return docs.length === PASS_SIZE;
  }

  async function relayOnce(): Promise<void> {
    const search = searchWanted;
    const hints = hinted;
    searchWanted = false;
    hinted = new Map();
    try {
      if (search) {
        for (const model of models) while (!stopped && (await searchBatch(model)));
        return;
      }
      for (const [model, ids] of hints) {
        const list = [...ids];
        for (let i = 0; i < list.length && !stopped; i += PASS_SIZE) {
          await publishAndClear(model, await pendingOf(model, { _id: { $in: list.slice(i, i + PASS_SIZE) } }));
        }
      }
    } catch (err) {
      // Nothing is lost: the next pass searches everything.
      searchWanted = true;
      throw err;
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
      searchWanted = true;
      timer = setInterval(() => {
        searchWanted = true;
        run();
      }, intervalMs);
      timer.unref();
      run();
    },
    kick(written) {
      if (written) {
        const ids = hinted.get(written.model) ?? new Set();
        for (const id of written.ids) ids.add(id);
        hinted.set(written.model, ids);
      } else {
        searchWanted = true;
      }
      run();
    },
    async settled() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
