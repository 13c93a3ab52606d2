import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake endpoint does with one request. */
export type Behaviour = 'ok' | 'error500' | 'error401' | 'timeout' | 'malformed' | 'wrong-shape' | 'html' | 'truncated' | 'leaky';

export interface RecordedRequest {
  path: string;
  /** the raw body as sent on the wire */
  body: string;
  json: { model: string; messages: Array<{ role: string; content: string }>; response_format?: unknown; max_tokens?: number };
}

export interface FakeOpenAiServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Behaviours for the next requests, in order; once used up, requests get `fallback`. */
  script: Behaviour[];
  fallback: Behaviour;
  close(): Promise<void>;
}

const KEYWORDS: Array<[string, RegExp]> = [
  ['Delivery delays', /livr|colis|deliver|parcel|courier|shipping|retard|late/i],
  ['Customer support', /service client|support|conseill|agent|customer service|sav/i],
  ['Pricing', /prix|price|cher|expensive|abonnement|subscription|tarif|charged|factur/i],
  ['App bugs', /app|bug|crash|plante|login|connexion/i],
  ['Product quality', /qualit|quality|produit|product|cassé|broken|defect/i],
];

function chunkAnswer(user: string, leaky: boolean): unknown {
  const lines = user.split('\n').slice(1).map((line) => {
    const colon = line.indexOf(': ');
    return { ref: Number(line.slice(0, colon)), text: line.slice(colon + 2) };
  });
  const themes = KEYWORDS.map(([label]) => ({ label, terms: [label.split(' ')[0]!.toLowerCase()], responses: [] as number[], quotes: [] as number[] }));
  for (const line of lines) {
    const t = KEYWORDS.findIndex(([, pattern]) => pattern.test(line.text));
    if (t >= 0) themes[t]!.responses.push(line.ref);
  }
  for (const theme of themes) theme.quotes = theme.responses.slice(0, 2);
  const summary = leaky
    ? 'Customers complain about delays. Contact jane.roe@example.org or call 06 98 76 54 32 for details.'
    : `${lines.length} responses about delivery, support, pricing, the app and product quality.`;
  return {
    summary,
    themes: themes.filter((t) => t.responses.length > 0),
    sentiments: lines.map((line) => ({ ref: line.ref, score: /déçu|late|retard|crash|plante|cher|expensive|broken|cassé/i.test(line.text) ? -0.6 : 0.2 })),
  };
}

function mergeAnswer(user: string): unknown {
  const { themes } = JSON.parse(user) as { themes: Array<{ id: string; label: string; terms: string[] }> };
  const byLabel = new Map<string, string[]>();
  for (const theme of themes) byLabel.set(theme.label, [...(byLabel.get(theme.label) ?? []), theme.id]);
  return { summary: 'Merged summary of all chunks.', themes: [...byLabel.entries()].map(([label, sources]) => ({ label, terms: [label.toLowerCase()], sources })) };
}

function completion(content: string, promptChars: number, finishReason = 'stop'): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((promptChars + content.length) / 4) },
  });
}

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 (a random port unless given) that records
 * every request. GET /__requests returns what it recorded, for tests in another process; GET /healthz: alive.
 */
export async function startFakeOpenAiServer(port = 0): Promise<FakeOpenAiServer> {
  const fake: Omit<FakeOpenAiServer, 'baseUrl' | 'close'> = { requests: [], script: [], fallback: 'ok' };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') {
      res.writeHead(req.url === '/__requests' || req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
      return res.end(req.url === '/__requests' ? JSON.stringify(fake.requests.map((r) => ({ path: r.path, body: r.body }))) : '{}');
    }
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      const json = JSON.parse(body) as RecordedRequest['json'];
      fake.requests.push({ path: req.url ?? '', body, json });
      const behaviour = fake.script.shift() ?? fake.fallback;
      const system = json.messages.find((m) => m.role === 'system')?.content ?? '';
      const user = json.messages.find((m) => m.role === 'user')?.content ?? '';
      const send = (status: number, payload: string): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload);
      };
      switch (behaviour) {
        case 'timeout':
          return; // never answers; the client's timeout must fire
        case 'error500':
          return send(500, JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } }));
        case 'error401':
          return send(401, JSON.stringify({ error: { message: 'bad key', type: 'invalid_request_error' } }));
        case 'malformed':
          return send(200, completion('{"summary": "unterminated', body.length));
        case 'html':
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html><body>502 Bad Gateway</body></html>');
        case 'truncated':
          return send(200, completion('{"summary": "Customers compl', body.length, 'length'));
        case 'wrong-shape':
          return send(200, completion(JSON.stringify({ summary: 42, themes: 'none' }), body.length));
        default: {
          const answer = system.startsWith('Themes were found separately') ? mergeAnswer(user) : chunkAnswer(user, behaviour === 'leaky');
          return send(200, completion(JSON.stringify(answer), body.length));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${bound}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
