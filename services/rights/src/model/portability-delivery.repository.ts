import type { Connection, Model } from 'mongoose';
import { portabilityDeliverySchema, type PortabilityDeliveryDoc, type TransmissionReceipt } from './portability-delivery.schema.js';

/** Longer than a whole transmission with every retry (attempts x 10 s timeout + backoff). */
const CLAIM_MS = 5 * 60_000;

export type PortabilityDeliveryRepository = ReturnType<typeof createPortabilityDeliveryRepository>;

export function createPortabilityDeliveryRepository(conn: Connection) {
  const deliveries = (conn.models['PortabilityDelivery'] ??
    conn.model<PortabilityDeliveryDoc>('PortabilityDelivery', portabilityDeliverySchema)) as Model<PortabilityDeliveryDoc>;
  return {
    model: deliveries,
    /** Idempotent: a second call for the same request keeps the first destination. */
    async ensure(requestId: string, destination: string | null): Promise<void> {
      await deliveries.updateOne(
        { _id: requestId },
        { $setOnInsert: { destination, status: 'PENDING', downloadedAt: null, transmission: null, sendingSince: null, createdAt: new Date() } },
        { upsert: true },
      );
    },
    findById: (requestId: string) => deliveries.findById(requestId).lean<PortabilityDeliveryDoc>(),
    /** True for the one caller that takes the single download; false when it was already taken. */
    async takeDownload(requestId: string): Promise<boolean> {
      const r = await deliveries.updateOne({ _id: requestId, destination: null, downloadedAt: null }, { $set: { downloadedAt: new Date(), status: 'DOWNLOADED' } });
      return r.modifiedCount === 1;
    },
    /** Gives the download back when the archive could not be sent after it was taken. */
    releaseDownload: async (requestId: string) => {
      await deliveries.updateOne({ _id: requestId, destination: null }, { $set: { downloadedAt: null, status: 'PENDING' } });
    },
    /**
     * True for the one caller that may send the archive now: nobody sent it yet and no one else is
     * sending (a claim older than CLAIM_MS is taken over, its holder having died mid-send).
     */
    async claimTransmission(requestId: string): Promise<boolean> {
      const now = new Date();
      const r = await deliveries.updateOne(
        { _id: requestId, transmission: null, $or: [{ sendingSince: null }, { sendingSince: { $lt: new Date(now.getTime() - CLAIM_MS) } }] },
        { $set: { sendingSince: now } },
      );
      return r.modifiedCount === 1;
    },
    /** Records the receiver's answer, once: a redelivered completion does not send the archive twice. */
    async recordTransmission(requestId: string, receipt: TransmissionReceipt): Promise<boolean> {
      const status = receipt.errorCode ? 'FAILED' : 'DELIVERED';
      const r = await deliveries.updateOne({ _id: requestId, transmission: null }, { $set: { transmission: receipt, status } });
      return r.modifiedCount === 1;
    },
    deleteByIds: async (ids: string[]) => (await deliveries.deleteMany({ _id: { $in: ids } })).deletedCount,
  };
}
