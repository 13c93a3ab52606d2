import { randomUUID } from 'node:crypto';
import type { MailError, MailOutboxModel, MailRecord } from './mail-outbox.schema.js';
import type { MailLocale, MailTemplateId } from './templates.js';

export interface NewMail {
  templateId: MailTemplateId;
  locale: MailLocale;
  to: string;
  variables: Record<string, string | number>;
}

/** Intention-revealing queries over the mail outbox; each write is a single-document write. */
export function createMailOutboxRepository(model: MailOutboxModel) {
  return {
    async insert(mail: NewMail, now: Date): Promise<MailRecord> {
      const record: MailRecord = { _id: randomUUID(), ...mail, status: 'QUEUED', attempts: 0, nextAttemptAt: now, createdAt: now };
      await model.create(record);
      return record;
    },

    /**
     * Takes the earliest due queued mail for one attempt: counts the attempt and pushes its next
     * attempt past the lease, so a relay that dies mid-send leaves the mail to be taken again later.
     */
    async claimDue(now: Date, leaseMs: number): Promise<MailRecord | null> {
      return model
        .findOneAndUpdate(
          { status: 'QUEUED', nextAttemptAt: { $lte: now } },
          { $set: { nextAttemptAt: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
          { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
        )
        .lean<MailRecord>()
        .exec();
    },

    /** The variables go: they were needed only to render this mail. */
    async markSent(id: string, attempts: number, smtpMessageId: string, now: Date): Promise<void> {
      await model.updateOne(
        { _id: id, status: 'QUEUED', attempts },
        { $set: { status: 'SENT', smtpMessageId, sentAt: now }, $unset: { variables: 1, lastError: 1 } },
      );
    },

    async markRetry(id: string, attempts: number, error: MailError, nextAttemptAt: Date): Promise<void> {
      await model.updateOne({ _id: id, status: 'QUEUED', attempts }, { $set: { lastError: error, nextAttemptAt } });
    },

    async markFailed(id: string, attempts: number, error: MailError, now: Date): Promise<void> {
      await model.updateOne({ _id: id, status: 'QUEUED', attempts }, { $set: { status: 'FAILED', lastError: error, failedAt: now } });
    },

    /** When the next queued mail becomes due, for the relay's timer. */
    async nextDueAt(): Promise<Date | undefined> {
      const next = await model.findOne({ status: 'QUEUED' }, { nextAttemptAt: 1 }).sort({ nextAttemptAt: 1 }).lean<Pick<MailRecord, 'nextAttemptAt'>>().exec();
      return next?.nextAttemptAt;
    },

    async findById(id: string): Promise<MailRecord | null> {
      return model.findById(id).lean<MailRecord>().exec();
    },
  };
}

export type MailOutboxRepository = ReturnType<typeof createMailOutboxRepository>;
