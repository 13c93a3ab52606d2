import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { AUDIT_ENTRY, RETENTION_SWEEP_REQUESTED, RETENTION_SWEPT } from '@verbatim/contracts';
import { archiveOf, type Principal } from '@verbatim/kit';
import { codeOf, newTenant, startTestService, type EventObserver, type TestService } from '@verbatim/kit/testing';
import { createConsent, type Consent } from '../src/app.js';

let service: TestService<Consent>;
let events: EventObserver;
const dpo: Principal = { userId: randomUUID(), workspaces: {}, platformRoles: ['DPO'] };
const tenant = newTenant();
const subjectId = randomUUID();
const reason = 'The CNIL asked for the proof of consent of complaint 2026-118.';

const READ = `query Read($collection: String!, $reason: String!, $subjectId: ID, $workspaceId: ID, $first: Int, $after: ID) {
  consentArchive(collection: $collection, reason: $reason, subjectId: $subjectId, workspaceId: $workspaceId, first: $first, after: $after) {
    id collection rule archivedAt deleteAfter subjectId workspaceId document
  }
}`;

beforeAll(async () => {
  service = await startTestService('consent', (base) => createConsent({ ...base, config: { MAX_QUERY_DEPTH: 12 } }));
  events = await service.observe([RETENTION_SWEPT, AUDIT_ENTRY]);
  // Two withdrawn consents of one respondent and one of another, past their month: the sweep archives all three.
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  const withdrawn = (subject: string, purpose: string) => ({
    _id: randomUUID(), workspaceId: tenant.workspaceId, subjectType: 'RESPONDENT', subjectId: subject, purpose, status: 'WITHDRAWN',
    source: 'survey', grantedAt: new Date(longAgo.getTime() - 86_400_000), withdrawnAt: longAgo, history: [],
  });
  await service.conn.db!.collection('consents').insertMany([withdrawn(subjectId, 'ANALYSIS'), withdrawn(subjectId, 'AI_PROCESSING'), withdrawn(randomUUID(), 'ANALYSIS')] as never[]);
  const sweepId = randomUUID();
  await service.as('rights').publish(RETENTION_SWEEP_REQUESTED, sweepId, { sweepId, asOf: new Date().toISOString(), dryRun: false });
  await events.waitFor((e) => e.payload['sweepId'] === sweepId, 'the sweep report');
});

afterAll(async () => {
  await archiveOf(service.conn).dropDatabase();
  await service?.stop();
});

describe("the DPO's read of the consent archive", () => {
  test("returns one person's archived consents with their rule and deletion date, and the audit entry names the DPO, the person and the reason", async () => {
    const res = await service.gql(dpo, READ, { collection: 'consents', reason, subjectId });
    expect(res.errors).toBeUndefined();
    const records = res.data!['consentArchive'] as Array<Record<string, string>>;
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatchObject({ collection: 'consents', rule: 'withdrawn-consents-to-archive', subjectId, workspaceId: tenant.workspaceId });
      expect(JSON.parse(r['document']!)).toMatchObject({ subjectId, status: 'WITHDRAWN' });
      expect(JSON.parse(r['document']!)).not.toHaveProperty('_archive');
      const years = new Date(r['deleteAfter']!).getUTCFullYear() - new Date(r['archivedAt']!).getUTCFullYear();
      expect(years).toBe(5);
    }
    const entry = await events.waitFor((e) => e.payload['reason'] === reason && e.payload['actorUserId'] === dpo.userId, 'the audit entry of the read');
    expect(entry.payload).toMatchObject({ service: 'consent', workspaceId: tenant.workspaceId, fields: ['Query.consentArchive'], subjectRefs: [subjectId] });
    expect(JSON.stringify(entry.payload)).not.toContain('WITHDRAWN');
  });

  test('pages through the whole collection in id order', async () => {
    const first = await service.gql(dpo, READ, { collection: 'consents', reason, first: 2 });
    const ids = (first.data!['consentArchive'] as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const rest = await service.gql(dpo, READ, { collection: 'consents', reason, first: 2, after: ids[1] });
    const more = (rest.data!['consentArchive'] as Array<{ id: string }>).map((r) => r.id);
    expect(more).toHaveLength(1);
    expect([...ids, ...more]).toEqual([...ids, ...more].sort());
  });

  test('is refused to anyone without the DPO role, even the workspace ADMIN, and writes no audit entry', async () => {
    const res = await service.gql(tenant.admin, READ, { collection: 'consents', reason, subjectId });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
    expect(codeOf(await service.gql(null, READ, { collection: 'consents', reason }))).toBe('UNAUTHENTICATED');
    // The service writes its audit records before answering: the DPO's read has one, the refused ADMIN none.
    expect((await service.gql(dpo, READ, { collection: 'consents', reason })).errors).toBeUndefined();
    const records = await service.conn.db!.collection('audit_records').find({}).toArray();
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(tenant.admin.userId);
  });

  test('without a reason, with a collection the archive does not hold, or a page size out of bounds: BAD_USER_INPUT', async () => {
    const short = await service.gql(dpo, READ, { collection: 'consents', reason: 'checking' });
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.message).toMatch(/reason/);
    const unknown = await service.gql(dpo, READ, { collection: 'consent_notices', reason });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.message).toMatch(/it holds: consents/);
    expect(codeOf(await service.gql(dpo, READ, { collection: 'consents', reason, first: 0 }))).toBe('BAD_USER_INPUT');
  });
});
