import type { Logger } from '../logger.js';
import type { MailError, MailRecord } from './mail-outbox.schema.js';
import type { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailTemplateError, renderMail } from './render.js';
import type { MailTransport } from './smtp-transport.js';

export interface MailRelayOptions {
  /** Attempts before a mail is FAILED (default 8: about 4 minutes of retries with the default delays). */
  maxAttempts?: number;
  /** Delay after the first failure, doubled after each further one (default 2 s). */
  baseDelayMs?: number;
  /** Longest delay between two attempts (default 5 min). */
  maxDelayMs?: number;
  /** How long one attempt holds a mail before another relay may take it (default 2 min: above the SMTP timeouts). */
  leaseMs?: number;
  /** Safety poll, for mails queued by another process of the service (default 30 s); enqueue wakes the relay at once. */
  pollIntervalMs?: number;
}

export interface MailRelay {
  start(): void;
  /** Runs a pass soon; enqueueMail calls it so a new mail leaves without waiting for the poll. */
  kick(): void;
  /** Finishes the attempt under way, then stops; the transport is closed. */
  stop(): Promise<void>;
}

/** Exponential backoff with equal jitter: half the delay is fixed, half random, so retries of many mails spread out. */
export function retryDelayMs(attempts: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function mailErrorOf(err: unknown): MailError {
  if (err instanceof MailTemplateError) return { code: err.code };
  const e = err as { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
    ...(typeof e?.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
    ...(typeof e?.command === 'string' ? { command: e.command } : {}),
  };
}

/** Sends queued mails one at a time, retrying failures; logs mail and template ids, never addresses or variables. */
export function createMailRelay(deps: {
  repository: MailOutboxRepository;
  transport: MailTransport;
  log: Logger;
  messageIdDomain: string;
  options?: MailRelayOptions;
}): MailRelay {
  const { repository, transport, log } = deps;
  const maxAttempts = deps.options?.maxAttempts ?? 8;
  const baseDelayMs = deps.options?.baseDelayMs ?? 2_000;
  const maxDelayMs = deps.options?.maxDelayMs ?? 300_000;
  const leaseMs = deps.options?.leaseMs ?? 120_000;
  const pollIntervalMs = deps.options?.pollIntervalMs ?? 30_000;
  let stopped = true;

  async function attempt(mail: MailRecord): Promise<void> {
    const ids = { mailId: mail._id, templateId: mail.templateId, attempts: mail.attempts };
    let messageId: string;
    try {
      const rendered = renderMail(mail.templateId, mail.locale, mail.variables ?? {});
      ({ messageId } = await transport.send({ ...rendered, to: mail.to, messageId: `<${mail._id}@${deps.messageIdDomain}>` }));
    } catch (err) {
      const error = mailErrorOf(err);
      // A mail that cannot be rendered will not render on a retry either.
      if (err instanceof MailTemplateError || mail.attempts >= maxAttempts) {
        await repository.markFailed(mail._id, mail.attempts, error, new Date());
        log.error({ ...ids, error }, 'mail failed; no more attempts');
        return;
      }
      const delayMs = retryDelayMs(mail.attempts, baseDelayMs, maxDelayMs);
      await repository.markRetry(mail._id, mail.attempts, error, new Date(Date.now() + delayMs));
      log.warn({ ...ids, error, retryInMs: delayMs }, 'mail not sent; will retry');
      return;
    }
    // If this write is lost, the lease runs out and the mail is sent again, with the same Message-ID.
    await repository.markSent(mail._id, mail.attempts, messageId, new Date());
    log.info(ids, 'mail sent');
  }

  async function pass(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const mail = await repository.claimDue(new Date(), leaseMs);
      if (!mail) return;
      await attempt(mail);
    }
  }

  /** Until the next queued mail is due, or the safety poll, whichever comes first. */
  async function idleMs(): Promise<number> {
    const due = await repository.nextDueAt();
    return due ? Math.min(pollIntervalMs, Math.max(0, due.getTime() - Date.now())) : pollIntervalMs;
  }

  // One loop per relay: a pass, then sleep until woken (kick, timer or stop). A kick during a pass
  // is remembered, so a mail queued meanwhile never waits for the poll.
  let kicked = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  function sleep(ms: number): Promise<void> {
    if (kicked || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function run(): Promise<void> {
    while (!stopped) {
      kicked = false;
      let waitMs = pollIntervalMs;
      try {
        await pass();
        waitMs = await idleMs();
      } catch (err) {
        log.warn({ err }, 'mail relay pass failed; will retry');
      }
      await sleep(waitMs);
    }
  }

  return {
    start() {
      if (loop) return;
      stopped = false;
      loop = run();
    },
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      loop = undefined;
      transport.close();
    },
  };
}
