import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema, type Connection } from 'mongoose';
import { auditIndexUse, connectMongo, declareWholeCollectionReads, createLogger, indexLeaders, unservedFields } from '../src/index.js';
import { testInfra, uniqueName } from '../src/testing/index.js';

describe('which filters a declared index can serve', () => {
  const schema = new Schema({ _id: String, workspaceId: String, email: { type: String, unique: true }, createdAt: Date, kind: String });
  schema.index({ workspaceId: 1, createdAt: -1 });
  const leaders = indexLeaders(schema);

  test.each([
    [{ _id: 'a' }, null],
    [{ email: 'x' }, null],
    [{ workspaceId: 'w', kind: 'k' }, null],
    [{ $and: [{ workspaceId: 'w' }, { kind: 'k' }] }, null],
    [{ $or: [{ email: 'x' }, { _id: 'a' }] }, null],
    [{ createdAt: { $lt: new Date() } }, ['createdAt']],
    [{ kind: 'k' }, ['kind']],
    [{}, []],
    [{ $or: [{ email: 'x' }, { kind: 'k' }] }, ['email', 'kind']],
  ] as const)('%j -> %j', (filter, expected) => {
    expect(unservedFields(filter as Record<string, unknown>, leaders)).toEqual(expected);
  });
});

describe('the audit on a real connection', () => {
  const infra = testInfra();
  const dir = mkdtempSync(join(tmpdir(), 'index-audit-'));
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(infra.mongoUrlFor(uniqueName('kit_index_audit')), createLogger('kit', 'silent'));
    auditIndexUse(conn, 'kit', dir);
  });
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('records each unserved query shape once, with field names and never values, and nothing for served ones', async () => {
    const schema = new Schema({ _id: String, workspaceId: String, note: String }, { versionKey: false });
    schema.index({ workspaceId: 1 });
    const Model = conn.model('Audited', schema);
    await Model.create({ _id: 'a', workspaceId: 'w', note: 'secret value' });
    await Model.find({ workspaceId: 'w' }).lean();
    await Model.findById('a').lean();
    expect(existsSync(join(dir, 'kit.jsonl'))).toBe(false);
    await Model.countDocuments({ note: 'secret value' });
    await Model.countDocuments({ note: 'another value' });
    await Model.updateMany({ note: 'secret value' }, { $set: { note: 'x' } });
    await Model.find().lean();
    // A paged export walks an index in order: a filterless read sorted on an indexed field is served.
    const Exported = conn.model('Exported', schema.clone());
    await Exported.find().sort({ workspaceId: 1 }).limit(10).lean();
    await Exported.find().sort({ _id: 1 }).lean();
    expect(readFileSync(join(dir, 'kit.jsonl'), 'utf8')).not.toContain('Exported');
    await Exported.find().sort({ note: 1 }).lean();
    const ring = new Schema({ _id: String, kid: String }, { versionKey: false });
    declareWholeCollectionReads(ring);
    const Ring = conn.model('Ring', ring);
    await Ring.find().lean();
    await Ring.find({ kid: 'k' }).lean();
    const lines = readFileSync(join(dir, 'kit.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { service: 'kit', model: 'Audited', op: 'countDocuments', fields: ['note'] },
      { service: 'kit', model: 'Audited', op: 'updateMany', fields: ['note'] },
      { service: 'kit', model: 'Audited', op: 'find', fields: [] },
      { service: 'kit', model: 'Exported', op: 'find', fields: [] },
      { service: 'kit', model: 'Ring', op: 'find', fields: ['kid'] },
    ]);
    expect(lines.join('')).not.toContain('secret');
  });
});
