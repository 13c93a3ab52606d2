import { createServer } from 'node:net';
import { SERVICES as serviceNames, type ServiceName } from '@verbatim/contracts';
import { StackError } from './say.js';

export interface Ports {
  gateway: number;
  services: Record<ServiceName, number>;
  /** The MongoDB-wire database (mongo-java-server). */
  mongo: number;
  kafka: number;
  kafkaController: number;
  /** Test profile only: the fake OpenAI-compatible endpoint reporting's LLM backend is pointed at. */
  fakeLlm?: number;
  /** Mailpit: the SMTP server the services send to, and its web inbox and HTTP API. */
  mail: { smtp: number; http: number };
}

/**
 * dev: what `npm start` uses and the README documents. test: a separate set, so tests run beside a dev
 * stack. bench: the load benchmarks' own stack (bench/), beside both.
 */
export const profiles = {
  dev: {
    gateway: 4000,
    services: { identity: 4001, ingestion: 4002, anonymizer: 4003, reporting: 4004, consent: 4005, rights: 4006 },
    mongo: 27017,
    kafka: 9092,
    kafkaController: 9093,
    mail: { smtp: 1025, http: 8025 },
  },
  test: {
    gateway: 14000,
    services: { identity: 14001, ingestion: 14002, anonymizer: 14003, reporting: 14004, consent: 14005, rights: 14006 },
    mongo: 37117,
    kafka: 19192,
    kafkaController: 19193,
    fakeLlm: 14010,
    mail: { smtp: 11025, http: 18025 },
  },
  bench: {
    gateway: 24000,
    services: { identity: 24001, ingestion: 24002, anonymizer: 24003, reporting: 24004, consent: 24005, rights: 24006 },
    mongo: 24017,
    kafka: 24092,
    kafkaController: 24093,
    mail: { smtp: 21025, http: 28025 },
  },
} satisfies Record<string, Ports>;

export type Profile = keyof typeof profiles;

/**
 * STACK_PORT_OFFSET shifts every port of a profile, so several checkouts (git worktrees) can each run
 * their own stack on one machine. Read once; 0 when unset.
 */
const portOffset = (() => {
  const raw = process.env['STACK_PORT_OFFSET'] ?? '0';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 20_000) {
    throw new StackError(`STACK_PORT_OFFSET must be a whole number from 0 to 20000, not "${raw}".`);
  }
  return n;
})();

/** The ports of a profile, shifted by STACK_PORT_OFFSET. */
export function portsOf(profile: Profile): Ports {
  const base: Ports = profiles[profile];
  const shift = (p: number) => p + portOffset;
  const services = Object.fromEntries(serviceNames.map((n) => [n, shift(base.services[n])])) as Record<ServiceName, number>;
  return {
    gateway: shift(base.gateway),
    services,
    mongo: shift(base.mongo),
    kafka: shift(base.kafka),
    kafkaController: shift(base.kafkaController),
    ...(base.fakeLlm ? { fakeLlm: shift(base.fakeLlm) } : {}),
    mail: { smtp: shift(base.mail.smtp), http: shift(base.mail.http) },
  };
}

/** Resolves when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with one message naming every taken port, before anything is started. */
export async function assertPortsFree(wanted: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(wanted)) {
    if (!(await isFree(port))) taken.push(`${port} (${name})`);
  }
  if (taken.length) {
    throw new StackError(
      `These ports are already in use: ${taken.join(', ')}.\n` +
        `Stop whatever listens there (\`ss -ltnp | grep <port>\` shows it; an earlier stack may still be running).`,
    );
  }
}
