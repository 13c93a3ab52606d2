import { waitFor } from './infra.js';

/** A message as Mailpit's HTTP API returns it. */
export interface MailpitMessage {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
  Text: string;
  HTML: string;
}

function mailpitUrl(): string {
  const url = process.env['TEST_MAILPIT_URL'];
  if (!url) throw new Error('TEST_MAILPIT_URL is not set: run the tests with `npm test`, which starts Mailpit.');
  return url;
}

/** Waits until Mailpit holds `count` messages to `address` (newest first) and returns them in full. */
export async function mailsTo(address: string, count = 1): Promise<MailpitMessage[]> {
  const summaries = await waitFor(
    async () => {
      const res = await fetch(`${mailpitUrl()}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
      const body = (await res.json()) as { messages: { ID: string }[] };
      return body.messages.length >= count ? body.messages : undefined;
    },
    { what: `${count} message(s) to ${address} in Mailpit` },
  );
  return Promise.all(summaries.map(async (s) => (await (await fetch(`${mailpitUrl()}/api/v1/message/${s.ID}`)).json()) as MailpitMessage));
}

/** The one message Mailpit received for this address. */
export async function receivedBy(address: string): Promise<MailpitMessage> {
  const messages = await mailsTo(address);
  if (messages.length !== 1) throw new Error(`expected one message to ${address}, Mailpit holds ${messages.length}`);
  return messages[0]!;
}

/** The token of the newest link to a web app page (`…/<page>#token=<token>`) mailed to `address`, once it arrives. */
export async function linkTokenMailedTo(address: string, page: string): Promise<string> {
  const pattern = new RegExp(`/${page}#token=([A-Za-z0-9_-]+)`);
  return waitFor(
    async () => {
      for (const message of await mailsTo(address)) {
        const match = pattern.exec(message.Text);
        if (match) return match[1]!;
      }
      return undefined;
    },
    { what: `a ${page} link mailed to ${address}` },
  );
}
