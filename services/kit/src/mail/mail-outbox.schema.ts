import { Schema, type Connection, type Model } from 'mongoose';
import type { MailLocale, MailTemplateId } from './templates.js';

export type MailStatus = 'QUEUED' | 'SENT' | 'FAILED';
export const mailStatuses: readonly MailStatus[] = ['QUEUED', 'SENT', 'FAILED'];

/** What the last failed attempt said: codes only, since server replies may quote the address. */
export interface MailError {
  /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, ...) or MAIL_TEMPLATE_INVALID. */
  code: string;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** The SMTP command that failed (CONN, DATA, ...). */
  command?: string;
}

/** One mail of the sender's outbox, from enqueue to SENT or FAILED. */
export interface MailRecord {
  _id: string;
  templateId: MailTemplateId;
  locale: MailLocale;
  to: string;
  /** The template's variables; removed once the mail is sent (they may hold names or one-time links). */
  variables?: Record<string, string | number>;
  status: MailStatus;
  attempts: number;
  /** When the relay may take the mail next; pushed forward by the lease while an attempt runs. */
  nextAttemptAt: Date;
  lastError?: MailError;
  smtpMessageId?: string;
  createdAt: Date;
  sentAt?: Date;
  failedAt?: Date;
}

const mailOutboxSchema = new Schema<MailRecord>(
  {
    _id: { type: String, required: true },
    templateId: { type: String, required: true },
    locale: { type: String, required: true, enum: ['fr', 'en'] },
    to: { type: String, required: true },
    variables: { type: Schema.Types.Mixed },
    status: { type: String, required: true, enum: mailStatuses, default: 'QUEUED' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: { _id: false, code: String, responseCode: Number, command: String }, default: undefined },
    smtpMessageId: { type: String },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date },
    failedAt: { type: Date },
  },
  { collection: 'mail_outbox', versionKey: false, minimize: false },
);
// The relay's one query: the queued mails that are due, earliest first.
mailOutboxSchema.index({ status: 1, nextAttemptAt: 1 });

export type MailOutboxModel = Model<MailRecord>;

/** The outbox model on the service's own connection (registered once per connection). */
export function mailOutboxModel(conn: Connection): MailOutboxModel {
  return (conn.models['MailOutbox'] as MailOutboxModel | undefined) ?? conn.model<MailRecord>('MailOutbox', mailOutboxSchema);
}
