import { afterAll, describe, expect, test } from '@jest/globals';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Connection } from 'mongoose';
import { AppError, connectMongo, createLogger, createMailer, MailTemplateError, syncIndexes, type Mailer, type MailRecord, type MailRelayOptions } from '../src/index.js';
import { receivedBy, testInfra, uniqueName, waitFor } from '../src/testing/index.js';

const infra = testInfra();
const smtpUrl = process.env['TEST_SMTP_URL'];
const mailpitUrl = process.env['TEST_MAILPIT_URL'];
if (!smtpUrl || !mailpitUrl) throw new Error('TEST_SMTP_URL and TEST_MAILPIT_URL are not set: run the tests with `npm test`, which starts Mailpit.');
const mailpitSmtpPort = Number(new URL(smtpUrl).port);

const log = createLogger('kit', 'silent');
const MAIL_FROM = 'Verbatim tests <no-reply@verbatim.test>';
const started: { mailer: Mailer; conn: Connection }[] = [];

afterAll(async () => {
  for (const { mailer, conn } of started) {
    await mailer.stop();
    await conn.dropDatabase();
    await conn.close();
  }
});

/** A mailer on a database of its own: another test's relay must not take this test's mails. */
async function startMailer(SMTP_URL: string, relay?: MailRelayOptions): Promise<{ mailer: Mailer; conn: Connection }> {
  const conn = await connectMongo(infra.mongoUrlFor(uniqueName('kit_mail')), log);
  const mailer = createMailer({ conn, log, config: { SMTP_URL, MAIL_FROM }, ...(relay ? { relay } : {}) });
  await syncIndexes(conn);
  mailer.start();
  started.push({ mailer, conn });
  return { mailer, conn };
}

const recipient = () => `${uniqueName('user')}@example.test`;

function waitForStatus(mailer: Mailer, mailId: string, check: (m: MailRecord) => boolean, what: string): Promise<MailRecord> {
  return waitFor(async () => {
    const mail = await mailer.mailStatus(mailId);
    return mail && check(mail) ? mail : undefined;
  }, { what });
}

/** A port nothing listens on (yet): bound by the OS, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** From now on, connections to `port` reach Mailpit's SMTP server: the transport starts working. */
function forwardToMailpit(port: number): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: mailpitSmtpPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.once('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('the kit mailer', () => {
  test('a queued mail is relayed to the SMTP server, which receives its subject, recipient and text', async () => {
    const { mailer } = await startMailer(smtpUrl);
    const to = recipient();
    const verificationUrl = `https://app.example/verify?t=${uniqueName('token')}`;
    const { mailId } = await mailer.enqueueMail({ templateId: 'email-verification', locale: 'fr', to, variables: { firstName: 'Zoé <admin>', verificationUrl } });

    const sent = await waitForStatus(mailer, mailId, (m) => m.status === 'SENT', 'the mail to be SENT');
    expect(sent).toMatchObject({ templateId: 'email-verification', locale: 'fr', to, attempts: 1, smtpMessageId: `<${mailId}@verbatim.test>` });
    expect(sent.sentAt).toBeInstanceOf(Date);
    // Sent mails keep no variables: they may hold names and one-time links.
    expect(sent.variables).toBeUndefined();

    const received = await receivedBy(to);
    expect(received.Subject).toBe('Confirmez votre adresse e-mail');
    expect(received.To.map((t) => t.Address)).toEqual([to]);
    expect(received.MessageID).toBe(`${mailId}@verbatim.test`);
    expect(received.Text).toContain('Bonjour Zoé <admin>,');
    expect(received.Text).toContain(verificationUrl);
    expect(received.HTML).toContain('Bonjour Zoé &lt;admin&gt;,');
  });

  test('while the SMTP server is unreachable the mail stays queued with its attempts and error, then is sent once it answers', async () => {
    const port = await freePort();
    const { mailer } = await startMailer(`smtp://127.0.0.1:${port}`, { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 1000 });
    const to = recipient();
    const { mailId } = await mailer.enqueueMail({
      templateId: 'rights-request-extended',
      locale: 'en',
      to,
      variables: { requestId: 'req-7', previousDeadline: '2026-12-31', newDeadline: '2027-02-28', reason: 'many systems to search' },
    });

    const failing = await waitForStatus(mailer, mailId, (m) => m.attempts >= 2 && m.lastError !== undefined, 'two failed attempts');
    expect(failing.status).toBe('QUEUED');
    expect(failing.lastError?.code).toMatch(/^E(SOCKET|CONNECTION)$/);
    expect(failing.smtpMessageId).toBeUndefined();

    const proxy = await forwardToMailpit(port);
    try {
      const sent = await waitForStatus(mailer, mailId, (m) => m.status === 'SENT', 'the mail to be SENT once the server answers');
      expect(sent.attempts).toBeGreaterThan(failing.attempts);
      expect(sent.lastError).toBeUndefined();
      const received = await receivedBy(to);
      expect(received.Subject).toBe('Your request req-7: deadline extended');
      expect(received.Text).toContain('it is now due on 2027-02-28');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  test('a mail that still cannot be sent after the last attempt is FAILED, with its error, and kept', async () => {
    const port = await freePort();
    const { mailer } = await startMailer(`smtp://127.0.0.1:${port}`, { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 });
    const { mailId } = await mailer.enqueueMail({
      templateId: 'policy-changed',
      locale: 'en',
      to: recipient(),
      variables: { policyVersion: '4', effectiveDate: '2027-03-01', policyUrl: 'https://app.example/policy' },
    });
    const failed = await waitForStatus(mailer, mailId, (m) => m.status === 'FAILED', 'the mail to be FAILED');
    expect(failed.attempts).toBe(3);
    expect(failed.lastError?.code).toMatch(/^E(SOCKET|CONNECTION)$/);
    expect(failed.failedAt).toBeInstanceOf(Date);
    expect(failed.variables).toMatchObject({ policyVersion: '4' });
  });

  test('a mail its template cannot render, or with no valid recipient, is refused at once and nothing is stored', async () => {
    const { mailer, conn } = await startMailer(smtpUrl);
    const to = recipient();
    const outbox = conn.db!.collection('mail_outbox');
    await expect(
      mailer.enqueueMail({ templateId: 'password-reset', locale: 'en', to, variables: { firstName: 'Ana', resetUrl: 'https://app.example/r' } as never }),
    ).rejects.toThrow(MailTemplateError);
    await expect(
      mailer.enqueueMail({ templateId: 'email-verification', locale: 'en', to: `a@example.test, ${to}`, variables: { firstName: 'Ana', verificationUrl: 'https://app.example/v' } }),
    ).rejects.toThrow(new AppError('MAIL_RECIPIENT_INVALID', 'The mail recipient must be one address such as name@example.com.'));
    expect(await outbox.countDocuments({})).toBe(0);
  });
});
