import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { AUDIT_ENTRY, HOLDERS, type AuditEntry, type HolderName } from '@verbatim/contracts';
import { codeOf, newTenant, startTestService, waitFor, type TestService } from '@verbatim/kit/testing';
import { createRights, type Rights } from '../src/app.js';
import { testWorkflowConfig } from './workflow-config.js';

let rights: TestService<Rights>;
// No acknowledgement is verified here: the holders' key URLs are never fetched.
const holderUrls = Object.fromEntries(HOLDERS.map((h) => [h, 'http://127.0.0.1:9'])) as Record<HolderName, string>;

beforeAll(async () => {
  rights = await startTestService('rights', (base) => createRights({ ...base, config: { ...testWorkflowConfig, RIGHTS_DIGEST_KEY: 'ab'.repeat(32), RIGHTS_HOLDER_URLS: holderUrls } }));
});

afterAll(async () => {
  await rights?.stop();
});

const LOG = `query($r: [_Any!]!, $first: Int, $before: String) { _entities(representations: $r) { ... on Workspace { auditLog(first: $first, before: $before) { id service at actorUserId fields subjectRefs } } } }`;

const entry = (workspaceId: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  entryId: randomUUID(),
  service: 'ingestion',
  at,
  workspaceId,
  actorUserId: randomUUID(),
  actorClientId: null,
  operationType: 'query',
  operationName: 'ReadCustomers',
  fields: ['Response.text'],
  subjectRefs: [randomUUID()],
  truncated: false,
  ...overrides,
});

describe("rights' audit log", () => {
  test('stores each entry once (a redelivery is not a second read), pages newest first, and is readable by the workspace ADMIN only', async () => {
    const t = newTenant();
    const producer = rights.as('ingestion');
    const entries = ['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-03T10:00:00Z'].map((at) => entry(t.workspaceId, at));
    for (const e of entries) await producer.publish(AUDIT_ENTRY, t.workspaceId, e);
    const again = await producer.publish(AUDIT_ENTRY, t.workspaceId, entries[0]!);
    await rights.handled(again);
    const r = [{ __typename: 'Workspace', id: t.workspaceId }];
    const all = await waitFor(async () => {
      const res = await rights.gql(t.admin, LOG, { r, first: 10 });
      const log = res.data?.['_entities'][0].auditLog as Array<{ id: string; at: string }> | undefined;
      return log?.length === 3 ? log : undefined;
    }, { what: 'three entries' });
    expect(all.map((e) => e.id)).toEqual([entries[2]!.entryId, entries[1]!.entryId, entries[0]!.entryId]);
    const page2 = await rights.gql(t.admin, LOG, { r, first: 2, before: all[1]!.at });
    expect(page2.data!['_entities'][0].auditLog.map((e: { id: string }) => e.id)).toEqual([entries[0]!.entryId]);

    expect(codeOf(await rights.gql(t.member, LOG, { r }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.outsider, LOG, { r }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.admin, LOG, { r, first: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await rights.gql(t.admin, LOG, { r, before: 'yesterday' }))).toBe('BAD_USER_INPUT');
  });
});
