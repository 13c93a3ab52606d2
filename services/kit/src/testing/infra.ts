import { randomBytes } from 'node:crypto';

/** A name no other run uses: databases, topic prefixes, tenants. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Polls until `probe` returns a value that is not undefined/false, or fails with the last seen value. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false | null>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${options.what ?? 'condition'}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

/** Infrastructure addresses the test runner exported (see deploy/local). */
export function testInfra() {
  const mongoUrl = process.env['TEST_MONGO_URL'];
  const brokers = process.env['TEST_KAFKA_BROKERS'];
  if (!mongoUrl || !brokers) {
    throw new Error('TEST_MONGO_URL and TEST_KAFKA_BROKERS are not set: run the tests with `npm test`, which starts the infrastructure.');
  }
  return { mongoUrl, brokers: brokers.split(','), mongoUrlFor: (db: string) => mongoUrl.replace(/\/[^/?]*(\?|$)/, `/${db}$1`) };
}

export * from './graphql.js';
