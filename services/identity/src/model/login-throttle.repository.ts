import { Schema, type Connection, type Model } from 'mongoose';

/** Failed sign-ins of one key (a hashed email, or a client address) within the current window. */
export interface LoginThrottleDoc {
  _id: string;
  failures: number;
  windowStart: Date;
  lastFailureAt: Date;
  /** The epoch when not locked (the embedded database has no `$not`, so the field is always there). */
  lockedUntil: Date;
}

const throttleSchema = new Schema<LoginThrottleDoc>(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true },
    windowStart: { type: Date, required: true },
    lastFailureAt: { type: Date, required: true },
    lockedUntil: { type: Date, required: true },
  },
  { versionKey: false, collection: 'login_throttles' },
);
// The maintenance sweep's filter.
throttleSchema.index({ lastFailureAt: 1 });

export type LoginThrottleRepository = ReturnType<typeof createLoginThrottleRepository>;

export function createLoginThrottleRepository(conn: Connection) {
  const throttles = (conn.models['LoginThrottle'] ?? conn.model<LoginThrottleDoc>('LoginThrottle', throttleSchema)) as Model<LoginThrottleDoc>;
  return {
    model: throttles,
    findByIds: (ids: string[]) => throttles.find({ _id: { $in: ids } }).lean<LoginThrottleDoc[]>(),
    /** Counts one failure atomically ($inc), starting a new window when the last one is over. */
    async recordFailure(id: string, now: Date, windowStart: Date): Promise<LoginThrottleDoc> {
      await throttles.updateOne({ _id: id, windowStart: { $lt: windowStart }, lockedUntil: { $lte: now } }, { $set: { failures: 0, windowStart: now } });
      const doc = await throttles.findOneAndUpdate(
        { _id: id },
        { $inc: { failures: 1 }, $set: { lastFailureAt: now }, $setOnInsert: { windowStart: now, lockedUntil: new Date(0) } },
        { upsert: true, returnDocument: 'after' },
      ).lean<LoginThrottleDoc>();
      if (!doc) throw new Error('login throttle upsert returned nothing');
      return doc;
    },
    lock: async (id: string, until: Date) => {
      await throttles.updateOne({ _id: id }, { $set: { lockedUntil: until } });
    },
    clear: async (id: string) => {
      await throttles.deleteOne({ _id: id });
    },
    deleteStale: async (before: Date) =>
      (await throttles.deleteMany({ lastFailureAt: { $lt: before }, lockedUntil: { $lte: new Date() } })).deletedCount,
  };
}
