import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Schema, type Connection } from 'mongoose';
import { connectMongo, createLogger, mongoReady, syncIndexes } from '../src/index.js';
import { testInfra, uniqueName } from '../src/testing/index.js';

const infra = testInfra();
const dbName = uniqueName('kit_conn');
let conn: Connection;

beforeAll(async () => {
  conn = await connectMongo(infra.mongoUrlFor(dbName), createLogger('kit', 'silent'));
});

afterAll(async () => {
  await conn?.dropDatabase();
  await conn?.close();
});

describe('the service connection', () => {
  test('opens the database named in the URL, ready, with the driver default pool rather than one connection', () => {
    expect(conn.name).toBe(dbName);
    expect(mongoReady(conn)).toBe(true);
    expect(conn.getClient().options.maxPoolSize).toBe(100);
  });

  test('concurrent updates of one document from one service all land', async () => {
    const col = conn.db!.collection<{ _id: string; a: number; b: number }>('counters');
    await col.insertOne({ _id: 'c', a: 0, b: 0 });
    const N = 150;
    await Promise.all([
      (async () => { for (let i = 0; i < N; i++) await col.updateOne({ _id: 'c' }, { $inc: { a: 1 } }); })(),
      (async () => { for (let i = 0; i < N; i++) await col.updateOne({ _id: 'c' }, { $inc: { b: 1 } }); })(),
      (async () => { for (let i = 0; i < N; i++) await col.updateOne({ _id: 'c' }, { $set: { last: i } }); })(),
    ]);
    expect(await col.findOne({ _id: 'c' })).toMatchObject({ a: N, b: N });
  });

  test('syncIndexes builds every model unique index, so a duplicate is refused from the first write', async () => {
    const model = conn.model('KitAccount', new Schema({ _id: String, email: { type: String, unique: true } }));
    await syncIndexes(conn);
    await model.create({ _id: 'a', email: 'x@example.test' });
    await expect(model.create({ _id: 'b', email: 'x@example.test' })).rejects.toMatchObject({ code: 11000 });
  });
});
