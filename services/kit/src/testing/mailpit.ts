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

/** The token of the newest mailed link to `address` for a web app page (`…/<page>#token=<token>`). */
export async function linkTokenMailedTo(address: string, page: string, count = 1): Promise<string> {
  const [newest] = await mailsTo(address, count);
  const match = new RegExp(`/${page}#token=([A-Za-z0-9_-]+)`).exec(newest!.Text);
  if (!match) throw new Error(`the newest mail to ${address} has no ${page} link`);
  return match[1]!;
}
