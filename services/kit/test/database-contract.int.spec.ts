// The database contract: what the services' code relies on from the MongoDB-wire database, stated as
// facts on the real server (TEST_MONGO_URL). A change of database shows here what breaks. The last
// block states what the local database lacks; real MongoDB (docker compose, production) has all of it,
// so those tests fail there on purpose: they describe the local server, not a wish.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import mongoose from 'mongoose';
import { testInfra, uniqueName } from '../src/testing/index.js';

type MongoClient = InstanceType<typeof mongoose.mongo.MongoClient>;
type Db = ReturnType<MongoClient['db']>;
/** A document with a string _id and any other fields. */
interface Doc extends mongoose.mongo.Document {
  _id: string;
}
/** Typed fully: the driver's types accept $push only on known array fields. */
interface WithOutbox {
  _id: string;
  outbox: { n: number }[];
  outboxPending?: boolean;
  outboxSeq?: number;
  status?: string;
  note?: string;
  rev?: number;
  seq?: number;
  counts?: { a: number };
  cleared?: null;
}

const infra = testInfra();
const dbName = uniqueName('kit_contract');
const url = infra.mongoUrlFor(dbName);
/** Several clients, each with its own connection pool: like several services, or several replicas of one. */
const clients: MongoClient[] = [];
let db: Db;

beforeAll(async () => {
  for (let i = 0; i < 4; i++) clients.push(await mongoose.mongo.MongoClient.connect(url));
  db = clients[0]!.db(dbName);
});

afterAll(async () => {
  await db?.dropDatabase();
  await Promise.all(clients.map((c) => c.close()));
});

/** A collection of its own for each test, so tests share nothing and run in any order. */
const fresh = <T extends mongoose.mongo.Document = Doc>(label: string) => db.collection<T>(uniqueName(label));
const ids = (docs: { _id: string }[]) => docs.map((d) => d._id);
const codeOf = (p: Promise<unknown>) => p.then(() => undefined, (err: { code?: number }) => err.code);

describe('concurrent writes are never lost', () => {
  test('$inc from four clients, many in flight at once, all land on one document', async () => {
    const name = uniqueName('inc');
    await db.collection<Doc>(name).insertOne({ _id: 'c' });
    const perLoop = 25;
    await Promise.all(
      clients.flatMap((client, i) =>
        Array.from({ length: 4 }, async () => {
          const col = client.db(dbName).collection<Doc>(name);
          for (let n = 0; n < perLoop; n++) await col.updateOne({ _id: 'c' }, { $inc: { total: 1, [`by${i}`]: 1 } });
        }),
      ),
    );
    const doc = await db.collection<Doc>(name).findOne({ _id: 'c' });
    expect(doc).toEqual({ _id: 'c', total: 4 * 4 * perLoop, by0: 4 * perLoop, by1: 4 * perLoop, by2: 4 * perLoop, by3: 4 * perLoop });
  });

  test('of several writers holding the same rev, exactly one compare-and-set succeeds', async () => {
    const name = uniqueName('cas_once');
    await db.collection<Doc>(name).insertOne({ _id: 'd', rev: 0 });
    const results = await Promise.all(
      [...clients, ...clients].map((client, i) =>
        client.db(dbName).collection<Doc>(name).updateOne({ _id: 'd', rev: 0 }, { $set: { winner: i }, $inc: { rev: 1 } }),
      ),
    );
    expect(results.map((r) => r.modifiedCount).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(await db.collection<Doc>(name).findOne({ _id: 'd' })).toMatchObject({ rev: 1, winner: results.findIndex((r) => r.modifiedCount === 1) });
  });

  test('every acknowledged compare-and-set (filter on rev) is kept when four clients race read-modify-write', async () => {
    const name = uniqueName('cas');
    await db.collection<Doc>(name).insertOne({ _id: 'd', rev: 0, log: [] });
    const perClient = 15;
    await Promise.all(
      clients.map(async (client, i) => {
        const col = client.db(dbName).collection<{ _id: string; rev: number; log: string[] }>(name);
        for (let landed = 0, attempts = 0; landed < perClient; attempts++) {
          if (attempts > 50 * perClient) throw new Error(`client ${i} could not land its writes`);
          const current = (await col.findOne({ _id: 'd' }))!;
          const r = await col.updateOne({ _id: 'd', rev: current.rev }, { $push: { log: `${i}:${landed}` }, $inc: { rev: 1 } });
          if (r.modifiedCount === 1) landed++;
        }
      }),
    );
    const doc = (await db.collection<{ _id: string; rev: number; log: string[] }>(name).findOne({ _id: 'd' }))!;
    expect(doc.rev).toBe(4 * perClient);
    expect(doc.log).toHaveLength(4 * perClient);
    expect(new Set(doc.log).size).toBe(4 * perClient);
  });
});

describe('unique indexes refuse duplicates with code 11000', () => {
  test('an insert with an _id already taken', async () => {
    const col = fresh('dup_id');
    await col.insertOne({ _id: 'a' });
    expect(await codeOf(col.insertOne({ _id: 'a' }))).toBe(11000);
  });

  test('an insert that repeats a unique field', async () => {
    const col = fresh<{ _id: string; email: string }>('dup_field');
    await col.createIndex({ email: 1 }, { unique: true });
    await col.insertOne({ _id: 'a', email: 'x@example.test' });
    expect(await codeOf(col.insertOne({ _id: 'b', email: 'x@example.test' }))).toBe(11000);
    expect(await col.countDocuments({})).toBe(1);
  });

  test('an upsert whose inserted document repeats a unique field', async () => {
    const col = fresh<{ _id: string; key: number }>('dup_upsert');
    await col.createIndex({ key: 1 }, { unique: true });
    await col.insertOne({ _id: 'a', key: 1 });
    expect(await codeOf(col.updateOne({ _id: 'b' }, { $setOnInsert: { key: 1 } }, { upsert: true }))).toBe(11000);
    expect(await col.find({}).toArray()).toEqual([{ _id: 'a', key: 1 }]);
  });

  test('a compound unique index refuses only the full repeated combination', async () => {
    const col = fresh<{ _id: string; workspaceId: string; externalId: string }>('dup_compound');
    await col.createIndex({ workspaceId: 1, externalId: 1 }, { unique: true });
    await col.insertOne({ _id: 'a', workspaceId: 'w1', externalId: 'e1' });
    await col.insertOne({ _id: 'b', workspaceId: 'w1', externalId: 'e2' });
    await col.insertOne({ _id: 'c', workspaceId: 'w2', externalId: 'e1' });
    expect(await codeOf(col.insertOne({ _id: 'd', workspaceId: 'w1', externalId: 'e1' }))).toBe(11000);
    expect(await col.countDocuments({})).toBe(3);
  });

  test('concurrent upserts of one compound key leave one document; the losers get 11000 and succeed on retry', async () => {
    const name = uniqueName('upsert_race');
    await db.collection(name).createIndex({ workspaceId: 1, externalId: 1 }, { unique: true });
    const upsert = (client: MongoClient) =>
      client
        .db(dbName)
        .collection<{ _id: string; workspaceId: string; externalId: string }>(name)
        .findOneAndUpdate(
          { workspaceId: 'w', externalId: 'e' },
          { $setOnInsert: { _id: randomUUID(), createdAt: new Date() }, $set: { name: 'latest' } },
          { upsert: true, returnDocument: 'after' },
        );
    const outcomes = await Promise.all(
      [...clients, ...clients].map(async (client) => {
        try {
          return await upsert(client);
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
          return upsert(client);
        }
      }),
    );
    const stored = await db.collection(name).find({}).toArray();
    expect(stored).toHaveLength(1);
    expect(new Set(outcomes.map((d) => d?._id))).toEqual(new Set([stored[0]!._id]));
  });

  test('an ordered insertMany stops at the first duplicate: the documents before it are stored, those after are not', async () => {
    const col = fresh<{ _id: string; k: number }>('dup_many');
    await col.createIndex({ k: 1 }, { unique: true });
    await col.insertOne({ _id: 'a', k: 1 });
    expect(await codeOf(col.insertMany([{ _id: 'b', k: 2 }, { _id: 'c', k: 1 }, { _id: 'd', k: 3 }], { ordered: true }))).toBe(11000);
    expect(await col.find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', k: 1 }, { _id: 'b', k: 2 }]);
  });
});

describe('the queries the services run', () => {
  interface Item {
    _id: string;
    workspaceId: string;
    createdBy?: string | null;
    sharedBy?: string;
    visibility?: string;
    at: Date;
    responseIds: string[];
    members: { userId: string; role: string }[];
  }
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const items: Item[] = [
    { _id: 'i1', workspaceId: 'w1', createdBy: 'u1', visibility: 'PRIVATE', at: day(1), responseIds: ['r1', 'r2'], members: [{ userId: 'u1', role: 'ADMIN' }] },
    { _id: 'i2', workspaceId: 'w1', createdBy: 'u2', sharedBy: 'u1', visibility: 'WORKSPACE', at: day(3), responseIds: ['r3'], members: [{ userId: 'u2', role: 'MEMBER' }] },
    { _id: 'i3', workspaceId: 'w1', createdBy: null, at: day(3), responseIds: [], members: [{ userId: 'u1', role: 'MEMBER' }, { userId: 'u3', role: 'ADMIN' }] },
    { _id: 'i4', workspaceId: 'w2', createdBy: 'u3', visibility: 'WORKSPACE', at: day(2), responseIds: ['r2'], members: [] },
  ];
  let col: mongoose.mongo.Collection<Item>;

  beforeAll(async () => {
    col = fresh<Item>('queries');
    await col.insertMany(items);
  });

  test('equality on a field, $in on _id, and $in on an array field (any element matches)', async () => {
    expect(ids(await col.find({ workspaceId: 'w2' }).toArray())).toEqual(['i4']);
    expect(ids(await col.find({ _id: { $in: ['i2', 'i4', 'nope'] } }).sort({ _id: 1 }).toArray())).toEqual(['i2', 'i4']);
    expect(ids(await col.find({ responseIds: { $in: ['r2', 'r9'] } }).sort({ _id: 1 }).toArray())).toEqual(['i1', 'i4']);
    expect(ids(await col.find({ workspaceId: { $in: ['w1'] } }).sort({ _id: 1 }).toArray())).toEqual(['i1', 'i2', 'i3']);
  });

  test('$ne also matches documents that lack the field; $or combines with other conditions', async () => {
    expect(ids(await col.find({ visibility: { $ne: 'PRIVATE' } }).sort({ _id: 1 }).toArray())).toEqual(['i2', 'i3', 'i4']);
    const authoredOrShared = await col.find({ $or: [{ createdBy: 'u1' }, { sharedBy: 'u1' }], workspaceId: 'w1' }, { projection: { _id: 1 } }).toArray();
    expect(authoredOrShared.sort((a, b) => a._id.localeCompare(b._id))).toEqual([{ _id: 'i1' }, { _id: 'i2' }]);
  });

  test('a dotted path into an array of sub-documents, and $elemMatch on both fields of one element', async () => {
    expect(ids(await col.find({ 'members.userId': 'u1' }).sort({ _id: 1 }).toArray())).toEqual(['i1', 'i3']);
    // i3 has u1 (MEMBER) and an ADMIN (u3), but no single element that is both.
    expect(ids(await col.find({ members: { $elemMatch: { userId: 'u1', role: 'ADMIN' } } }).toArray())).toEqual(['i1']);
  });

  test('sort on several keys, descending first, then limit; findOne takes the first of the sort', async () => {
    expect(ids(await col.find({}).sort({ at: -1, _id: 1 }).limit(3).toArray())).toEqual(['i2', 'i3', 'i4']);
    expect((await col.findOne({}, { sort: { at: -1, _id: -1 } }))?._id).toBe('i3');
  });

  test('a projection returns only the fields asked for', async () => {
    expect(await col.findOne({ _id: 'i2' }, { projection: { sharedBy: 1 } })).toEqual({ _id: 'i2', sharedBy: 'u1' });
  });

  test('countDocuments, and an existence check that reads only _id', async () => {
    expect(await col.countDocuments({ workspaceId: 'w1' })).toBe(3);
    expect(await col.countDocuments({ workspaceId: 'nope' })).toBe(0);
    expect(await col.findOne({ _id: 'i1' }, { projection: { _id: 1 } })).toEqual({ _id: 'i1' });
    expect(await col.findOne({ _id: 'nope' }, { projection: { _id: 1 } })).toBeNull();
  });

  test('aggregate: $match then $group by a field with $sum', async () => {
    const groups = await col.aggregate<{ _id: string; count: number }>([{ $match: { createdBy: { $ne: 'u3' } } }, { $group: { _id: '$workspaceId', count: { $sum: 1 } } }]).toArray();
    expect(groups).toEqual([{ _id: 'w1', count: 3 }]);
  });
});

describe('the updates the services make', () => {
  test('$set, $inc, $push with $each and $unset in one single-document write', async () => {
    const col = fresh<WithOutbox>('update_ops');
    await col.insertOne({ _id: 'r', status: 'OPEN', note: 'x', rev: 0, outbox: [{ n: 1 }] });
    const r = await col.updateOne(
      { _id: 'r', rev: 0 },
      { $set: { status: 'DONE', 'counts.a': 2, cleared: null }, $unset: { note: '' }, $push: { outbox: { $each: [{ n: 2 }, { n: 3 }] } }, $inc: { rev: 1, seq: 1 } },
    );
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await col.findOne({ _id: 'r' })).toEqual({ _id: 'r', status: 'DONE', counts: { a: 2 }, cleared: null, rev: 1, seq: 1, outbox: [{ n: 1 }, { n: 2 }, { n: 3 }] });
  });

  test('an upsert with $setOnInsert inserts once, then leaves the document as it was', async () => {
    const col = fresh('upsert');
    const first = await col.updateOne({ _id: 'e' }, { $setOnInsert: { erasedAt: new Date(1) } }, { upsert: true });
    const again = await col.updateOne({ _id: 'e' }, { $setOnInsert: { erasedAt: new Date(2) } }, { upsert: true });
    expect([first.upsertedCount, first.matchedCount, again.upsertedCount, again.matchedCount, again.modifiedCount]).toEqual([1, 0, 0, 1, 0]);
    expect(await col.findOne({ _id: 'e' })).toEqual({ _id: 'e', erasedAt: new Date(1) });
  });

  test('an upsert with $set and $setOnInsert applies $set every time and $setOnInsert only on insert', async () => {
    const col = fresh('upsert_set');
    await col.updateOne({ _id: 'c' }, { $set: { text: 'v1' }, $setOnInsert: { receivedAt: new Date(1) } }, { upsert: true });
    await col.updateOne({ _id: 'c' }, { $set: { text: 'v2' }, $setOnInsert: { receivedAt: new Date(2) } }, { upsert: true });
    expect(await col.findOne({ _id: 'c' })).toEqual({ _id: 'c', text: 'v2', receivedAt: new Date(1) });
  });

  test('findOneAndUpdate returns the document after the change, null when nothing matches, and can upsert', async () => {
    const col = fresh('find_and_modify');
    await col.insertOne({ _id: 'd', version: 1, responseCount: 0 });
    expect(await col.findOneAndUpdate({ _id: 'd' }, { $inc: { version: 1, responseCount: 5 } }, { returnDocument: 'after' })).toEqual({ _id: 'd', version: 2, responseCount: 5 });
    expect(await col.findOneAndUpdate({ _id: 'd', version: 1 }, { $inc: { version: 1 } }, { returnDocument: 'after' })).toBeNull();
    const created = await col.findOneAndUpdate({ workspaceId: 'w', externalId: 'e' }, { $setOnInsert: { _id: 'new' }, $set: { name: 'n' } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 'new', workspaceId: 'w', externalId: 'e', name: 'n' });
  });

  test('a write conditioned on a sequence number is skipped once the sequence has moved (the outbox clear)', async () => {
    const col = fresh<WithOutbox>('outbox_clear');
    await col.insertOne({ _id: 'o', outbox: [{ n: 1 }], outboxPending: true, outboxSeq: 1 });
    await col.updateOne({ _id: 'o' }, { $push: { outbox: { $each: [{ n: 2 }] } }, $inc: { outboxSeq: 1 } });
    const stale = await col.updateOne({ _id: 'o', outboxSeq: 1 }, { $set: { outbox: [], outboxPending: false } });
    expect(stale.modifiedCount).toBe(0);
    expect(await col.findOne({ _id: 'o' })).toMatchObject({ outbox: [{ n: 1 }, { n: 2 }], outboxPending: true });
    expect(ids(await col.find({ outboxPending: true }).limit(200).toArray())).toEqual(['o']);
  });

  test('insertMany, deleteMany with $in and deleteOne report what they did', async () => {
    const col = fresh<{ _id: string; d: string }>('deletes');
    const inserted = await col.insertMany(['a', 'b', 'c', 'd'].map((id) => ({ _id: id, d: 'x' })), { ordered: true });
    expect(inserted.insertedCount).toBe(4);
    expect((await col.deleteMany({ _id: { $in: ['a', 'c', 'zz'] } })).deletedCount).toBe(2);
    expect((await col.deleteOne({ _id: 'b' })).deletedCount).toBe(1);
    expect((await col.deleteOne({ _id: 'b' })).deletedCount).toBe(0);
    expect(ids(await col.find({}).toArray())).toEqual(['d']);
  });

});

describe('what the local database lacks (real MongoDB has it; design without it)', () => {
  test('transactions are refused before anything is written: the driver sees no session support', async () => {
    const col = fresh('txn');
    const session = clients[0]!.startSession();
    try {
      const attempt = session.withTransaction(() => clients[0]!.db(dbName).collection<Doc>(col.collectionName).insertOne({ _id: 't' }, { session }));
      await expect(attempt).rejects.toThrow(/does not support sessions/);
    } finally {
      await session.endSession();
    }
    expect(await col.countDocuments({})).toBe(0);
  });

  test('there is no explain command (query plans cannot be inspected)', async () => {
    const col = fresh('explain');
    expect(await codeOf(col.find({}).explain())).toBe(59);
  });

  test('a non-unique index is accepted and listed, but never used: a query hinted to a sparse index still returns documents the index does not hold', async () => {
    const col = fresh<{ _id: string; tag?: string }>('secondary');
    await col.insertMany([{ _id: 'a', tag: 'x' }, { _id: 'b' }]);
    await col.createIndex({ tag: 1 }, { sparse: true });
    expect((await col.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_', 'tag_1']);
    // MongoDB answers through the index, which holds only 'a'.
    expect(ids(await col.find({}).hint({ tag: 1 }).sort({ _id: 1 }).toArray())).toEqual(['a', 'b']);
    // MongoDB refuses a hint that names no index (code 2); here hints are ignored altogether.
    expect(ids(await col.find({}).hint('no_such_index').sort({ _id: 1 }).toArray())).toEqual(['a', 'b']);
  });

  test('a TTL index is accepted and listed (mongoose `expires` does not fail), though nothing ever expires (see the README)', async () => {
    const col = fresh('ttl');
    await col.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    expect((await col.listIndexes().toArray()).find((i) => i['name'] === 'at_1')).toMatchObject({ expireAfterSeconds: 1 });
  });

});
