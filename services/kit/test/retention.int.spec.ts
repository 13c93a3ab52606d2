import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Connection } from 'mongoose';
import { archiveOf, before, connectMongo, createLegalHolds, createLogger, loadRetentionRules, parseDuration, sweepRetention, type RetentionRule } from '../src/index.js';
import { testInfra, uniqueName } from '../src/testing/index.js';

const infra = testInfra();
let conn: Connection;
let archive: Connection;

beforeAll(async () => {
  conn = await connectMongo(infra.mongoUrlFor(uniqueName('kit_retention')), createLogger('kit', 'silent'));
  archive = archiveOf(conn);
});

afterAll(async () => {
  await archive?.dropDatabase();
  await conn?.dropDatabase();
  await conn?.close();
});

const day = 86_400_000;
const now = new Date('2026-06-15T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * day);

const rules: RetentionRule[] = [
  { name: 'old-sessions', collection: 'r_sessions', retention: 'ACCOUNT_LIFETIME', from: 'expiresAt', after: 'P30D', action: 'DELETE', subjectField: 'userId', why: 'test' },
  { name: 'proofs', collection: 'r_proofs', retention: 'PROOF_5_YEARS', from: 'completedAt', after: 'P1Y', action: 'ARCHIVE', archiveFor: 'P4Y', where: { state: 'COMPLETED' }, subjectField: 'subject.id', why: 'test' },
];

describe('ISO 8601 retention periods', () => {
  test('count in calendar years, months, weeks and days, and refuse anything else', () => {
    expect(before(new Date('2026-03-01T00:00:00Z'), parseDuration('P1Y2M'))).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(before(new Date('2026-03-01T00:00:00Z'), parseDuration('P2W1D'))).toEqual(new Date('2026-02-14T00:00:00Z'));
    for (const bad of ['P', 'PT1H', '30D', 'P1.5Y', '']) expect(() => parseDuration(bad)).toThrow(/ISO 8601/);
  });
});

describe('retention rules files', () => {
  const write = (body: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'retention-')), 'retention.json');
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  test('an ARCHIVE rule without archiveFor, a bad period, an unknown key or a repeated name fails with the reason', () => {
    const rule = rules[0]!;
    expect(() => loadRetentionRules(write({ rules: [{ ...rule, action: 'ARCHIVE' }] }))).toThrow(/archiveFor/);
    expect(() => loadRetentionRules(write({ rules: [{ ...rule, after: '30 days' }] }))).toThrow(/after/);
    expect(() => loadRetentionRules(write({ rules: [{ ...rule, keepFor: 'P1D' }] }))).toThrow(/keepFor|unrecognized/i);
    expect(() => loadRetentionRules(write({ rules: [rule, rule] }))).toThrow(/declared twice/);
    expect(loadRetentionRules(write({ rules }))).toEqual(rules);
  });
});

describe('a retention sweep on the real database', () => {
  test('dry run counts; the sweep deletes and archives exactly what is past its period, keeps what a legal hold covers, and purges the archive after its own period', async () => {
    const holds = createLegalHolds(conn);
    const heldUser = randomUUID();
    const freeUser = randomUUID();
    const heldRespondent = randomUUID();
    await holds.apply({ holdId: randomUUID(), subjectType: 'USER', subjectId: heldUser, held: true });
    await holds.apply({ holdId: randomUUID(), subjectType: 'RESPONDENT', subjectId: heldRespondent, held: true });

    const sessions = conn.db!.collection<Record<string, unknown>>('r_sessions');
    // 600 past the period (more than one page of 500), 1 of them held; 3 within it.
    await sessions.insertMany([
      ...Array.from({ length: 599 }, (_, i) => ({ _id: `s-old-${String(i).padStart(4, '0')}`, userId: freeUser, expiresAt: ago(31 + (i % 5)) })),
      { _id: 's-old-held', userId: heldUser, expiresAt: ago(40) },
      ...[1, 10, 29].map((d) => ({ _id: `s-recent-${d}`, userId: freeUser, expiresAt: ago(d) })),
    ] as never[]);
    const proofs = conn.db!.collection<Record<string, unknown>>('r_proofs');
    await proofs.insertMany([
      { _id: 'p-old', state: 'COMPLETED', completedAt: ago(400), subject: { id: randomUUID() } },
      { _id: 'p-old-held', state: 'COMPLETED', completedAt: ago(400), subject: { id: heldRespondent } },
      { _id: 'p-old-open', state: 'IN_PROGRESS', completedAt: ago(400), subject: { id: randomUUID() } },
      { _id: 'p-recent', state: 'COMPLETED', completedAt: ago(100), subject: { id: randomUUID() } },
    ] as never[]);

    const dry = await sweepRetention({ conn, archive, rules, holds, asOf: now, dryRun: true });
    expect(dry).toEqual([
      { rule: 'old-sessions', collection: 'r_sessions', action: 'DELETE', due: 600, held: 1, applied: 0, purgedFromArchive: 0 },
      { rule: 'proofs', collection: 'r_proofs', action: 'ARCHIVE', due: 2, held: 1, applied: 0, purgedFromArchive: 0 },
    ]);
    expect(await sessions.countDocuments()).toBe(603);

    const done = await sweepRetention({ conn, archive, rules, holds, asOf: now, dryRun: false });
    expect(done.map((o) => [o.rule, o.applied])).toEqual([['old-sessions', 599], ['proofs', 1]]);
    expect((await sessions.find().sort({ _id: 1 }).toArray()).map((d) => d['_id'])).toEqual(['s-old-held', 's-recent-1', 's-recent-10', 's-recent-29']);
    expect((await proofs.find().sort({ _id: 1 }).toArray()).map((d) => d['_id'])).toEqual(['p-old-held', 'p-old-open', 'p-recent']);
    const archived = archive.db!.collection<Record<string, unknown>>('r_proofs');
    expect(await archived.find().toArray()).toEqual([expect.objectContaining({ _id: 'p-old', state: 'COMPLETED', _archive: { rule: 'proofs', archivedAt: now } })]);

    // Sweeping again changes nothing.
    const again = await sweepRetention({ conn, archive, rules, holds, asOf: now, dryRun: false });
    expect(again.map((o) => o.applied + o.purgedFromArchive)).toEqual([0, 0]);

    // Four years later the archived proof goes; a held one, once archived, stays there while held.
    await archived.insertOne({ _id: 'p-archived-held', subject: { id: heldRespondent }, _archive: { rule: 'proofs', archivedAt: now } } as never);
    const later = new Date(now.getTime() + 4 * 366 * day);
    const purge = await sweepRetention({ conn, archive, rules: [rules[1]!], holds, asOf: later, dryRun: false });
    // Meanwhile the recent proof has passed its year: it moves into the archive in the same sweep.
    expect(purge[0]).toMatchObject({ applied: 1, purgedFromArchive: 1 });
    expect((await archived.find().sort({ _id: 1 }).toArray()).map((d) => d['_id'])).toEqual(['p-archived-held', 'p-recent']);
  });

  test('a lifted hold lets the next sweep apply the rule', async () => {
    const holds = createLegalHolds(conn);
    const subject = randomUUID();
    const holdA = randomUUID();
    const holdB = randomUUID();
    await holds.apply({ holdId: holdA, subjectType: 'USER', subjectId: subject, held: true });
    await holds.apply({ holdId: holdB, subjectType: 'USER', subjectId: subject, held: true });
    await holds.apply({ holdId: holdA, subjectType: 'USER', subjectId: subject, held: false });
    expect(await holds.heldAmong([subject])).toEqual(new Set([subject]));
    await holds.apply({ holdId: holdB, subjectType: 'USER', subjectId: subject, held: false });
    expect(await holds.heldAmong([subject])).toEqual(new Set());
  });
});
