import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './insert-unique.js';

/**
 * Remembers which events a consumer group has fully handled, so a redelivered event is skipped.
 * Handlers are idempotent as well; this saves the repeated work and keeps acknowledgements single.
 * Reads and writes take a whole batch of events: one `_id $in` lookup and one unordered insert.
 */
export interface ProcessedEventStore {
  /** The ids among `eventIds` that this group has already handled. */
  seen(group: string, eventIds: readonly string[]): Promise<Set<string>>;
  mark(group: string, events: ReadonlyArray<{ id: string; topic: string }>): Promise<void>;
}

const processedEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    topic: { type: String, required: true },
    processedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'processed_events' },
);

export function createProcessedEventStore(conn: Connection): ProcessedEventStore {
  const model = (conn.models['ProcessedEvent'] ?? conn.model('ProcessedEvent', processedEventSchema)) as Model<any>;
  const key = (group: string, id: string) => `${group}:${id}`;
  return {
    async seen(group, eventIds) {
      if (!eventIds.length) return new Set();
      const docs = (await model.find({ _id: { $in: eventIds.map((id) => key(group, id)) } }, { _id: 1 }).lean()) as Array<{ _id: string }>;
      return new Set(docs.map((d) => d._id.slice(group.length + 1)));
    },
    async mark(group, events) {
      if (!events.length) return;
      const processedAt = new Date();
      try {
        await model.insertMany(
          events.map((e) => ({ _id: key(group, e.id), topic: e.topic, processedAt })),
          { ordered: false, lean: true },
        );
      } catch (err) {
        // A redelivered event marked by an earlier, interrupted run: already recorded, which is the goal.
        if (!isDuplicateKey(err)) throw err;
      }
    },
  };
}
