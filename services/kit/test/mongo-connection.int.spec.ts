import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Connection } from 'mongoose';
import { connectMongo, createLogger } from '../src/index.js';
import { testInfra, uniqueName } from '../src/testing/index.js';

const infra = testInfra();
let conn: Connection;

beforeAll(async () => {
  // Without the launcher's pool option: the kit itself must make updates safe on FerretDB.
  const url = infra.mongoUrlFor(uniqueName('kit_conn')).replace(/[?&]maxPoolSize=\d+/, '');
  conn = await connectMongo(url, createLogger('kit', 'silent'));
});

afterAll(async () => {
  await conn?.dropDatabase();
  await conn?.close();
});

describe('the service connection', () => {
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
});
