import type { Connection } from 'mongoose';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createMailOutboxRepository } from './mail-outbox.repository.js';
import { mailOutboxModel, type MailRecord } from './mail-outbox.schema.js';
import { createMailRelay, type MailRelayOptions } from './relay.js';
import { checkMailVariables } from './render.js';
import { createSmtpTransport, type MailTransport } from './smtp-transport.js';
import type { MailLocale, MailTemplateId, MailTemplateVariables } from './templates.js';

export interface MailRequest<T extends MailTemplateId = MailTemplateId> {
  templateId: T;
  locale: MailLocale;
  /** One address; it is stored in the sender's database and never logged. */
  to: string;
  variables: MailTemplateVariables[T];
}

export interface Mailer {
  /**
   * Stores the mail in the sender's outbox and returns at once: the relay sends it, retrying until it
   * is SENT or FAILED. Throws (nothing stored) only when the template, locale, variables or address
   * cannot make a mail.
   */
  enqueueMail<T extends MailTemplateId>(mail: MailRequest<T>): Promise<{ mailId: string }>;
  /** The stored state of one mail (status, attempts, last error, SMTP Message-ID). */
  mailStatus(mailId: string): Promise<MailRecord | null>;
  /** Starts the relay (after indexes are built); runService does it. */
  start(): void;
  stop(): Promise<void>;
}

export interface MailerConfig {
  SMTP_URL: string;
  MAIL_FROM: string;
}

// Deliberately loose (the SMTP server has the last word), but no spaces, angle brackets or commas,
// so one value can never name several recipients or break the header.
const addressPattern = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/** The domain of MAIL_FROM, for our own Message-IDs. */
function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'verbatim.local';
}

export function createMailer(deps: {
  conn: Connection;
  log: Logger;
  config: MailerConfig;
  relay?: MailRelayOptions;
  /** Default: SMTP to config.SMTP_URL. */
  transport?: MailTransport;
}): Mailer {
  const log = deps.log.child({ component: 'mailer' });
  const repository = createMailOutboxRepository(mailOutboxModel(deps.conn));
  const relay = createMailRelay({
    repository,
    transport: deps.transport ?? createSmtpTransport(deps.config.SMTP_URL, deps.config.MAIL_FROM),
    log,
    messageIdDomain: domainOf(deps.config.MAIL_FROM),
    ...(deps.relay ? { options: deps.relay } : {}),
  });
  return {
    async enqueueMail(mail) {
      const variables = mail.variables as unknown as Record<string, string | number>;
      checkMailVariables(mail.templateId, mail.locale, variables);
      if (!addressPattern.test(mail.to)) {
        throw new AppError('MAIL_RECIPIENT_INVALID', 'The mail recipient must be one address such as name@example.com.', { templateId: mail.templateId });
      }
      const record = await repository.insert({ templateId: mail.templateId, locale: mail.locale, to: mail.to, variables }, new Date());
      log.info({ mailId: record._id, templateId: record.templateId }, 'mail queued');
      relay.kick();
      return { mailId: record._id };
    },
    mailStatus: (mailId) => repository.findById(mailId),
    start: () => relay.start(),
    stop: () => relay.stop(),
  };
}
