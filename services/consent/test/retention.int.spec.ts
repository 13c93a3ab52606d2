import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { LEGAL_HOLD_CHANGED, RETENTION_SWEEP_REQUESTED, RETENTION_SWEPT } from '@verbatim/contracts';
import { archiveOf } from '@verbatim/kit';
import { startTestService, waitFor, type EventObserver, type TestService } from '@verbatim/kit/testing';
import { createConsent, type Consent } from '../src/app.js';

let service: TestService<Consent>;
let reports: EventObserver;

beforeAll(async () => {
  service = await startTestService('consent', (base) => createConsent({ ...base, config: { MAX_QUERY_DEPTH: 12 } }));
  reports = await service.observe([RETENTION_SWEPT]);
});

afterAll(async () => {
  await archiveOf(service.conn).dropDatabase();
  await service?.stop();
});

const withdrawn = (subjectId: string, withdrawnAt: Date) => ({
  _id: randomUUID(),
  workspaceId: randomUUID(),
  subjectType: 'RESPONDENT',
  subjectId,
  purpose: 'ANALYSIS',
  status: 'WITHDRAWN',
  source: 'survey',
  grantedAt: new Date(withdrawnAt.getTime() - 86_400_000),
  withdrawnAt,
  history: [],
});

describe("the consent service's retention, driven by rights events", () => {
  test('a requested sweep archives withdrawn consents past their month, keeps a held subject, reports counts; a dry run later shows the archive purge', async () => {
    const held = randomUUID();
    const free = randomUUID();
    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    const consents = service.conn.db!.collection('consents');
    const docs = [withdrawn(free, longAgo), withdrawn(held, longAgo), withdrawn(free, new Date())];
    await consents.insertMany(docs as never[]);

    const rights = service.as('rights');
    const hold = await rights.publish(LEGAL_HOLD_CHANGED, held, { holdId: randomUUID(), subjectType: 'RESPONDENT', subjectId: held, workspaceId: null, held: true, changedAt: new Date().toISOString() });
    await service.handled(hold);

    const sweepId = randomUUID();
    await rights.publish(RETENTION_SWEEP_REQUESTED, sweepId, { sweepId, asOf: new Date().toISOString(), dryRun: false });
    const report = await reports.waitFor((e) => e.payload['sweepId'] === sweepId, 'the sweep report');
    expect(report.source).toBe('consent');
    expect(report.payload).toMatchObject({
      service: 'consent',
      dryRun: false,
      rules: expect.arrayContaining([{ rule: 'withdrawn-consents-to-archive', collection: 'consents', action: 'ARCHIVE', due: 2, held: 1, applied: 1, purgedFromArchive: 0 }]),
    });
    // Counts only: no subject, text or id of a consent in the report.
    expect(JSON.stringify(report.payload)).not.toMatch(new RegExp(`${held}|${free}|${docs[0]!._id}`));
    expect((await consents.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d['_id']).sort()).toEqual([docs[1]!._id, docs[2]!._id].sort());
    const archived = archiveOf(service.conn).db!.collection('consents');
    await waitFor(async () => (await archived.findOne({ _id: docs[0]!._id as never })) ?? undefined, { what: 'the archived consent' });

    const dryRunId = randomUUID();
    const sixYearsOn = new Date(Date.now() + 6 * 366 * 86_400_000).toISOString();
    await rights.publish(RETENTION_SWEEP_REQUESTED, dryRunId, { sweepId: dryRunId, asOf: sixYearsOn, dryRun: true });
    const dry = await reports.waitFor((e) => e.payload['sweepId'] === dryRunId, 'the dry-run report');
    expect(dry.payload['rules'].find((r: { rule: string }) => r.rule === 'withdrawn-consents-to-archive')).toMatchObject({ due: 2, held: 1, applied: 0, purgedFromArchive: 1 });
    expect(await archived.countDocuments()).toBe(1);
    expect(await consents.countDocuments()).toBe(2);
  });
});
