import { Schema } from 'mongoose';

/** How a portability archive left: downloaded once through its link, or sent to another controller. */
export type DeliveryStatus = 'PENDING' | 'DOWNLOADED' | 'DELIVERED' | 'FAILED';

/** The stored receipt of a transmission: what the receiving controller answered, never the archive. */
export interface TransmissionReceipt {
  /** Attempts made, the last one included. */
  attempts: number;
  /** The receiver's HTTP status on the last attempt; null when it could not be reached. */
  receiverStatus: number | null;
  /** The receiver's answer body, at most 4 KiB of it. */
  receiverBody: string | null;
  /** DESTINATION_UNREACHABLE or DESTINATION_REFUSED when it failed. */
  errorCode: string | null;
  /** SHA-256 (hex) of the archive that was sent, signed in the request. */
  archiveSha256: string;
  at: Date;
}

/** One per portability request (_id = the request id): where the archive goes and what happened to it. */
export interface PortabilityDeliveryDoc {
  _id: string;
  /** The receiving controller's HTTPS endpoint; null for a download link. */
  destination: string | null;
  status: DeliveryStatus;
  /** When the link's single download happened (set once, atomically). */
  downloadedAt: Date | null;
  transmission: TransmissionReceipt | null;
  /** While one process sends the archive (see claimTransmission). */
  sendingSince: Date | null;
  createdAt: Date;
}

export const portabilityDeliverySchema = new Schema<PortabilityDeliveryDoc>(
  {
    _id: { type: String, required: true },
    destination: { type: String, default: null },
    status: { type: String, required: true, enum: ['PENDING', 'DOWNLOADED', 'DELIVERED', 'FAILED'] },
    downloadedAt: { type: Date, default: null },
    transmission: { type: Schema.Types.Mixed, default: null },
    sendingSince: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'portability_deliveries', minimize: false },
);
