import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';

/**
 * One connection per service, to the service's own database (named in the URL's path).
 *
 * FerretDB 1.x applies an update as a read followed by a write, without isolation between concurrent
 * operations: measured here, two concurrent loops of 300 `$inc` on one document kept 91 and 135. Each
 * service is the only writer of its database, so on FerretDB the service uses a single pooled
 * connection, which makes its operations run one at a time (300 and 300). Real MongoDB keeps its pool.
 */
export async function connectMongo(url: string, log: Logger, maxPoolSize?: number): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 15_000,
    // Indexes are part of each model's contract; build them at start so unique constraints hold.
    autoIndex: true,
    autoCreate: true,
    ...(maxPoolSize ? { maxPoolSize } : {}),
  });
  conn.on('disconnected', () => log.warn('mongo disconnected'));
  conn.on('reconnected', () => log.info('mongo reconnected'));
  await conn.asPromise();
  if ((await isFerretDb(conn)) && conn.getClient().options.maxPoolSize !== 1) {
    await conn.close();
    log.info('FerretDB detected: one pooled connection, so updates of one document never interleave');
    return connectMongo(url, log, 1);
  }
  log.info({ db: conn.name }, 'mongo connected');
  return conn;
}

async function isFerretDb(conn: Connection): Promise<boolean> {
  const info = await conn.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

export function mongoReady(conn: Connection): boolean {
  return conn.readyState === 1;
}

/** Builds every model's indexes before serving, so the first write already meets unique constraints. */
export async function syncIndexes(conn: Connection): Promise<void> {
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
}
