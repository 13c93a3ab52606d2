import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { waitFor } from '@verbatim/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import { codesOf, gql, ok } from '../support/graph.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { createTenant } from '../support/tenant.js';

/** Every service that archives (a retention rule with action ARCHIVE), its archive query and one archived collection. */
const ARCHIVES = [
  { service: 'anonymizer', field: 'anonymizerArchive', collection: 'anonymized_responses' },
  { service: 'consent', field: 'consentArchive', collection: 'consents' },
  { service: 'rights', field: 'rightsArchive', collection: 'requests' },
] as const;

const read = (field: string) => `query Read($collection: String!, $reason: String!, $subjectId: ID, $workspaceId: ID) {
  ${field}(collection: $collection, reason: $reason, workspaceId: $workspaceId, subjectId: $subjectId, first: 20) { id collection rule archivedAt deleteAfter subjectId workspaceId document }
}`;

let dpo: StaffMember;
let rightsDb: Connection;

beforeAll(async () => {
  dpo = await createStaff('archive-dpo', ['DPO']);
  rightsDb = await mongoose.createConnection(process.env['TEST_MONGO_URL_RIGHTS']!).asPromise();
});

afterAll(async () => {
  await rightsDb?.close();
});

describe("the DPO's read of each service's intermediate archive, through the gateway", () => {
  test('the DPO reads every archive with a reason, and each read reaches the audit log with the DPO, the service and the reason', async () => {
    const reason = `Dispute ${randomUUID()}: the client contests a withdrawn consent.`;
    const workspaceId = randomUUID();
    for (const { field, collection } of ARCHIVES) {
      const data = await ok<Record<string, unknown[]>>(read(field), { collection, reason, workspaceId }, dpo.token);
      // A workspace nobody archived anything of yet: an empty page, and still an audited read.
      expect(data[field]).toEqual([]);
    }
    const entries = await waitFor(
      async () => {
        const found = await rightsDb.collection('audit_log').find({ actorUserId: dpo.userId, reason }).toArray();
        return found.length === ARCHIVES.length ? found : undefined;
      },
      { what: 'an audit entry per archive read' },
    );
    expect(entries.map((e) => e['service']).sort()).toEqual(ARCHIVES.map((a) => a.service).sort());
    for (const e of entries) expect(e['fields']).toEqual([`Query.${ARCHIVES.find((a) => a.service === e['service'])!.field}`]);
  });

  test('a workspace ADMIN and an anonymous caller are refused every archive; a collection the archive does not hold and a person-less archive read by person are BAD_USER_INPUT', async () => {
    const admin = await createTenant('archive-admin');
    const reason = 'The controller asks to see its archived data.';
    for (const { field, collection } of ARCHIVES) {
      expect(codesOf(await gql(read(field), { collection, reason }, admin.token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await gql(read(field), { collection, reason }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codesOf(await gql(read('consentArchive'), { collection: 'users', reason }, dpo.token))).toEqual(['BAD_USER_INPUT']);
    // Anonymized responses name no person (that is the point of them): they are read by workspace or whole.
    const byPerson = await gql(read('anonymizerArchive'), { collection: 'anonymized_responses', reason, subjectId: randomUUID() }, dpo.token);
    expect(codesOf(byPerson)).toEqual(['BAD_USER_INPUT']);
    expect(byPerson.errors![0]!.message).toMatch(/do not name a person/);
  });
});
