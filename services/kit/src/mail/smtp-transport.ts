import nodemailer from 'nodemailer';
import type { RenderedMail } from './render.js';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Ours, derived from the mail id: a resend after a crash carries the same Message-ID. */
  messageId: string;
}

/** The kit's only dependency on nodemailer. */
export interface MailTransport {
  /** Resolves with the Message-ID once the server accepted the mail; rejects with nodemailer's coded error. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** SMTP over one connection at a time (the relay sends sequentially); bounded waits so a dead server fails fast. */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({ from, ...mail });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}
