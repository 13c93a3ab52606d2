import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';

/**
 * One connection per service, to the service's own database (named in the URL's path), with the
 * driver's default pool: concurrent updates of one document are isolated on every database the stack
 * runs on (services/kit/test/database-contract.int.spec.ts states what the code relies on).
 */
export async function connectMongo(url: string, log: Logger): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 15_000,
    // Indexes are part of each model's contract; build them at start so unique constraints hold.
    autoIndex: true,
    autoCreate: true,
  });
  conn.on('disconnected', () => log.warn('mongo disconnected'));
  conn.on('reconnected', () => log.info('mongo reconnected'));
  await conn.asPromise();
  log.info({ db: conn.name }, 'mongo connected');
  return conn;
}

export function mongoReady(conn: Connection): boolean {
  return conn.readyState === 1;
}

/** Builds every model's indexes before serving, so the first write already meets unique constraints. */
export async function syncIndexes(conn: Connection): Promise<void> {
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
}
