import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Schema, type Connection, type Model } from 'mongoose';
import { connectMongo, createLogger, insertUnique, retryOnRevision, REVISION_CHANGED } from '../src/index.js';
import { testInfra, uniqueName } from '../src/testing/index.js';

interface BoardDoc {
  _id: string;
  slug: string;
  notes: string[];
  rev: number;
}

const infra = testInfra();
let conn: Connection;
let boards: Model<BoardDoc>;

beforeAll(async () => {
  conn = await connectMongo(infra.mongoUrlFor(uniqueName('kit_rev')), createLogger('kit', 'silent'));
  const schema = new Schema<BoardDoc>(
    { _id: String, slug: { type: String, required: true, unique: true }, notes: [String], rev: { type: Number, required: true } },
    { versionKey: false },
  );
  boards = conn.model<BoardDoc>('Board', schema);
  await boards.syncIndexes();
});

afterAll(async () => {
  await conn?.dropDatabase();
  await conn?.close();
});

/** Resolves once `n` callers have arrived: makes every writer read before any of them writes. */
function barrier(n: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    if (++arrived === n) release();
    return all;
  };
}

describe('revision-guarded writes on the real database', () => {
  test('writers that all read the same revision conflict, and every one of them lands after retrying', async () => {
    const id = uniqueName('board');
    await boards.create({ _id: id, slug: id, notes: [], rev: 0 });
    const WRITERS = 6;
    const allHaveRead = barrier(WRITERS);
    const attemptsPerWriter = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        retryOnRevision(
          'the board kept changing',
          async (attempt) => {
            const board = (await boards.findById(id).lean<BoardDoc>())!;
            // First attempt: everyone holds rev 0 before anyone writes, so all but one write must miss.
            if (attempt === 0) await allHaveRead();
            const r = await boards.updateOne({ _id: id, rev: board.rev }, { $set: { notes: [...board.notes, `note ${i}`] }, $inc: { rev: 1 } });
            return r.modifiedCount === 1 ? attempt + 1 : REVISION_CHANGED;
          },
          { attempts: WRITERS + 4 },
        ),
      ),
    );
    const stored = (await boards.findById(id).lean<BoardDoc>())!;
    expect(stored.rev).toBe(WRITERS);
    expect([...stored.notes].sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `note ${i}`).sort());
    // Exactly one writer won the first round; the others needed more than one attempt.
    expect(attemptsPerWriter.filter((a) => a === 1)).toHaveLength(1);
    expect(attemptsPerWriter.filter((a) => a > 1)).toHaveLength(WRITERS - 1);
  });

  test('a writer that always loses gets a CONFLICT error and leaves the document as the winner wrote it', async () => {
    const id = uniqueName('board');
    await boards.create({ _id: id, slug: id, notes: [], rev: 0 });
    const losing = retryOnRevision(
      'the board kept changing',
      async () => {
        const board = (await boards.findById(id).lean<BoardDoc>())!;
        // Someone else writes between this read and this write, every time.
        await boards.updateOne({ _id: id }, { $push: { notes: 'other' }, $inc: { rev: 1 } });
        const r = await boards.updateOne({ _id: id, rev: board.rev }, { $push: { notes: 'mine' }, $inc: { rev: 1 } });
        return r.modifiedCount === 1 || REVISION_CHANGED;
      },
      { attempts: 3 },
    );
    await expect(losing).rejects.toMatchObject({ name: 'RevisionConflictError', code: 'CONFLICT' });
    expect(await boards.findById(id).lean<BoardDoc>()).toMatchObject({ notes: ['other', 'other', 'other'], rev: 3 });
  });
});

describe('insertUnique on the real database', () => {
  test('a second document with the same unique key is reported as a duplicate and not stored', async () => {
    const slug = uniqueName('slug');
    expect(await insertUnique(boards, { _id: uniqueName('a'), slug, notes: [], rev: 0 })).toBe('inserted');
    expect(await insertUnique(boards, { _id: uniqueName('b'), slug, notes: [], rev: 0 })).toBe('duplicate');
    expect(await boards.countDocuments({ slug })).toBe(1);
  });

  test('a failure other than a duplicate key is thrown, not reported as a duplicate', async () => {
    await expect(insertUnique(boards, { _id: uniqueName('c'), notes: [], rev: 0 } as unknown as BoardDoc)).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
