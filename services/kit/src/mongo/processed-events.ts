import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Remembers which events a consumer group has fully handled, so a redelivered event is skipped.
 * Handlers are idempotent as well; this saves the repeated work and keeps acknowledgements single.
 */
export interface ProcessedEventStore {
  seen(group: string, eventId: string): Promise<boolean>;
  mark(group: string, eventId: string, topic: string): Promise<void>;
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
  return {
    async seen(group, eventId) {
      return (await model.exists({ _id: `${group}:${eventId}` })) !== null;
    },
    async mark(group, eventId, topic) {
      await model.updateOne(
        { _id: `${group}:${eventId}` },
        { $setOnInsert: { topic, processedAt: new Date() } },
        { upsert: true },
      );
    },
  };
}
