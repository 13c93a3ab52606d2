import { describe, expect, test } from '@jest/globals';
import { mailsTo, waitFor } from '@verbatim/kit/testing';
import { strFromU8, unzipSync } from 'fflate';
import { connectServiceDatabases } from '../support/databases.js';
import { codesOf, gatewayUrl, gql, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant } from '../support/tenant.js';

const THREAD_FIELDS = `id subject workspaceId status createdAt lastMessageAt closedAt messages { id from body at }`;
const OPEN = `mutation($input: OpenAssistanceThreadInput!) { openAssistanceThread(input: $input) { ${THREAD_FIELDS} } }`;
const POST = `mutation($input: PostAssistanceMessageInput!) { postAssistanceMessage(input: $input) { ${THREAD_FIELDS} } }`;
const REPLY = `mutation($input: PostAssistanceMessageInput!) { replyToAssistanceThread(input: $input) { ${THREAD_FIELDS} } }`;
const CLOSE = `mutation($id: ID!) { closeAssistanceThread(id: $id) { ${THREAD_FIELDS} } }`;
const READ = `query SupportReadsThread($id: ID!) { assistanceThread(id: $id) { ${THREAD_FIELDS} userFirstName } }`;
const QUEUE = `query SupportQueue($status: AssistanceStatus, $first: Int, $after: String) { assistanceQueue(status: $status, first: $first, after: $after) { threads { id status createdAt } nextCursor } }`;
const MY_THREADS = `{ me { assistanceThreads { ${THREAD_FIELDS} } } }`;
const AUDIT_LOG = `query($id: ID!) { workspace(id: $id) { auditLog(first: 200) { service actorUserId operationName fields subjectRefs } } }`;

const INTEREST_FIELDS = `id theme note sharedWith createdAt`;
const ADD_INTEREST = `mutation($input: AddInterestInput!) { addInterest(input: $input) { ${INTEREST_FIELDS} } }`;
const UPDATE_INTEREST = `mutation($input: UpdateInterestInput!) { updateInterest(input: $input) { ${INTEREST_FIELDS} } }`;
const REMOVE_INTEREST = `mutation($id: ID!) { removeInterest(id: $id) }`;
const SHARE = `mutation($input: ShareInterestInput!) { shareInterest(input: $input) { ${INTEREST_FIELDS} } }`;
const UNSHARE = `mutation($input: ShareInterestInput!) { unshareInterest(input: $input) { ${INTEREST_FIELDS} } }`;
const SHARED = `query TeamInterests($id: ID!) { workspace(id: $id) { sharedInterests { id theme note sharedBy } } }`;
const ADD_MEMBER = `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id } }`;
const REFRESH = `mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken } }`;

const RIGHTS = `query($id: ID!) { rightsRequest(id: $id) { id status acknowledgements { service counts { collection action count } } } }`;
const ANSWER = `query($id: ID!) { accessAnswer(requestId: $id) { complete request { status } sections { service collections { collection documents } } } }`;

const PORTABILITY = `mutation { requestPortability(input: {}) { id } }`;
const PORTABILITY_OUTCOME = `query($id: ID!) { portabilityOutcome(requestId: $id) { status downloadPath } }`;

const REPLY_SUBJECT = 'Verbatim support replied to you';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function completed(id: string, token: string): Promise<any> {
  return waitFor(
    async () => {
      const r = (await ok(RIGHTS, { id }, token)).rightsRequest;
      return r.status === 'COMPLETED' ? r : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `rights request ${id} to complete` },
  );
}

const countsOf = (request: any, service: string) => request.acknowledgements.find((a: any) => a.service === service).counts;

/** Staff page through the whole queue until they reach `threadId`, checking it is oldest first. */
async function findInQueue(token: string, threadId: string, status?: string): Promise<any | undefined> {
  let after: string | null = null;
  let previous = '';
  for (let page = 0; page < 100; page++) {
    const { threads, nextCursor }: { threads: any[]; nextCursor: string | null } = (await ok(QUEUE, { status, first: 5, after }, token)).assistanceQueue;
    for (const t of threads) {
      expect(t.createdAt >= previous).toBe(true);
      previous = t.createdAt;
      if (status) expect(t.status).toBe(status);
    }
    const found = threads.find((t) => t.id === threadId);
    if (found || !nextCursor) return found;
    after = nextCursor;
  }
  return undefined;
}

describe('Assistance threads through the gateway', () => {
  test('a user opens a thread, SUPPORT staff find it in the queue, read it (audited) and reply; the user is mailed that there is a reply, never its text', async () => {
    const user = await createTenant('assist-user');
    const other = await createTenant('assist-other');
    const staff = await createStaff('assist-support', ['SUPPORT']);

    // Bad input: nothing stored.
    expect(codesOf(await gql(OPEN, { input: { subject: '  ', body: 'Hello' } }, user.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(OPEN, { input: { subject: 'Too long', body: 'x'.repeat(5_001) } }, user.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(OPEN, { input: { subject: 'Not mine', body: 'Hello', workspaceId: other.workspaceId } }, user.token))).toEqual(['FORBIDDEN']);

    const body = 'My import of survey-octobre.csv stops at row 12 with an encoding error.';
    const thread = (await ok(OPEN, { input: { subject: 'Import stuck at row 12', body, workspaceId: user.workspaceId } }, user.token)).openAssistanceThread;
    expect(thread).toMatchObject({ subject: 'Import stuck at row 12', workspaceId: user.workspaceId, status: 'OPEN', closedAt: null, messages: [{ from: 'USER', body }] });
    const followUp = (await ok(POST, { input: { threadId: thread.id, body: 'It is UTF-16, if that helps.' } }, user.token)).postAssistanceMessage;
    expect(followUp.messages.map((m: any) => m.from)).toEqual(['USER', 'USER']);

    // Someone else's thread answers exactly like one that does not exist; the queue and replies are staff only.
    const unknown = await gql(READ, { id: UNKNOWN_ID }, other.token);
    const foreign = await gql(READ, { id: thread.id }, other.token);
    expect(codesOf(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.errors![0]!.message).toBe(unknown.errors![0]!.message);
    expect(codesOf(await gql(POST, { input: { threadId: thread.id, body: 'me too' } }, other.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(CLOSE, { id: thread.id }, other.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(QUEUE, {}, other.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(REPLY, { input: { threadId: thread.id, body: 'I am not staff' } }, user.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(QUEUE, { first: 0 }, staff.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(QUEUE, { after: 'not-a-cursor' }, staff.token))).toEqual(['BAD_USER_INPUT']);

    // Staff: the thread is in the queue, oldest first, and they read it.
    expect(await findInQueue(staff.token, thread.id, 'OPEN')).toMatchObject({ status: 'OPEN' });
    const read = (await ok(READ, { id: thread.id }, staff.token)).assistanceThread;
    expect(read).toMatchObject({ userFirstName: 'assist-user', messages: [{ body }, { body: 'It is UTF-16, if that helps.' }] });

    // The staff read is in the audit log of the workspace the thread is about: who, which fields, whose data; no value.
    const entry = await waitFor(
      async () => ((await ok(AUDIT_LOG, { id: user.workspaceId }, user.token)).workspace.auditLog as any[]).find((e) => e.operationName === 'SupportReadsThread'),
      { timeoutMs: 30_000, what: 'the audit entry of the staff read' },
    );
    expect(entry).toMatchObject({ service: 'identity', actorUserId: staff.userId, subjectRefs: [user.userId] });
    expect(entry.fields).toEqual(expect.arrayContaining(['AssistanceThread.subject', 'AssistanceMessage.body', 'AssistanceThread.userFirstName']));
    expect(JSON.stringify(entry)).not.toMatch(/row 12|UTF-16/);

    const replyBody = 'Save the file as UTF-8 and import it again: rows keep their order.';
    const answered = (await ok(REPLY, { input: { threadId: thread.id, body: replyBody } }, staff.token)).replyToAssistanceThread;
    expect(answered.status).toBe('ANSWERED');
    expect(answered.messages.map((m: any) => m.from)).toEqual(['USER', 'USER', 'SUPPORT']);
    expect(await findInQueue(staff.token, thread.id, 'ANSWERED')).toBeDefined();

    // The mail (after the registration's verification mail) says there is a reply, and nothing of the exchange.
    const notice = (await mailsTo(user.email, 2)).find((m) => m.Subject === REPLY_SUBJECT)!;
    expect(notice.Text).toMatch(/\/assistance/);
    for (const part of [notice.Text, notice.HTML, notice.Subject]) expect(part).not.toMatch(/UTF-8|row 12|Import stuck/);

    // The user sees the reply, then closes the thread: nothing more can be posted, and it leaves the queue.
    const mine = (await ok(MY_THREADS, {}, user.token)).me.assistanceThreads;
    expect(mine).toHaveLength(1);
    expect(mine[0].messages[2]).toMatchObject({ from: 'SUPPORT', body: replyBody });
    const closed = (await ok(CLOSE, { id: thread.id }, user.token)).closeAssistanceThread;
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).not.toBeNull();
    expect(codesOf(await gql(POST, { input: { threadId: thread.id, body: 'one more thing' } }, user.token))).toEqual(['CONFLICT']);
    expect(codesOf(await gql(REPLY, { input: { threadId: thread.id, body: 'and another' } }, staff.token))).toEqual(['CONFLICT']);
    expect(await findInQueue(staff.token, thread.id)).toBeUndefined();
  }, 120_000);

  test('a user who objected to COMMUNICATION gets the reply in the app but no mail', async () => {
    const objecting = await createTenant('assist-objecting');
    const staff = await createStaff('assist-support-b', ['SUPPORT']);
    const objection = (await ok(`mutation($input: ObjectionInput!) { requestObjection(input: $input) { id } }`, { input: { purposes: ['COMMUNICATION'] } }, objecting.token)).requestObjection;
    await completed(objection.id, objecting.token);
    const thread = (await ok(OPEN, { input: { subject: 'Billing', body: 'Where is my invoice?' } }, objecting.token)).openAssistanceThread;
    expect(thread.workspaceId).toBeNull();
    await ok(REPLY, { input: { threadId: thread.id, body: 'In the billing page.' } }, staff.token);
    expect((await ok(MY_THREADS, {}, objecting.token)).me.assistanceThreads[0].status).toBe('ANSWERED');
    const dbs = await connectServiceDatabases();
    try {
      expect(await dbs.get('identity')!.db!.collection('mail_outbox').countDocuments({ to: objecting.email, templateId: 'assistance-reply' })).toBe(0);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  }, 120_000);
});

describe('interests shared with a team, through the gateway', () => {
  test('a member shares an interest with their workspace: teammates see it with their first name, a non-member sees nothing and can change nothing', async () => {
    const owner = await createTenant('interest-owner');
    const mate = await createTenant('interest-mate');
    const outsider = await createTenant('interest-outsider');
    await ok(ADD_MEMBER, { input: { workspaceId: owner.workspaceId, email: mate.email, role: 'MEMBER' } }, owner.token);
    const mateToken = (await ok(REFRESH, { i: { refreshToken: mate.refreshToken } })).refreshSession.accessToken;

    expect(codesOf(await gql(ADD_INTEREST, { input: { theme: ' ' } }, mateToken))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(ADD_INTEREST, { input: { theme: 'x'.repeat(61) } }, mateToken))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(ADD_INTEREST, { input: { theme: 'pricing', note: 'x'.repeat(501) } }, mateToken))).toEqual(['BAD_USER_INPUT']);
    const interest = (await ok(ADD_INTEREST, { input: { theme: 'pricing', note: 'How customers compare our plans' } }, mateToken)).addInterest;
    expect(interest).toMatchObject({ theme: 'pricing', note: 'How customers compare our plans', sharedWith: [] });
    expect(codesOf(await gql(ADD_INTEREST, { input: { theme: 'Pricing' } }, mateToken))).toEqual(['CONFLICT']);
    const kept = (await ok(ADD_INTEREST, { input: { theme: 'onboarding' } }, mateToken)).addInterest;
    expect(kept.note).toBeNull();

    // Shared only with a workspace of theirs.
    expect(codesOf(await gql(SHARE, { input: { interestId: interest.id, workspaceId: outsider.workspaceId } }, mateToken))).toEqual(['FORBIDDEN']);
    expect((await ok(SHARE, { input: { interestId: interest.id, workspaceId: owner.workspaceId } }, mateToken)).shareInterest.sharedWith).toEqual([owner.workspaceId]);
    expect((await ok(SHARED, { id: owner.workspaceId }, owner.token)).workspace.sharedInterests).toEqual([
      { id: interest.id, theme: 'pricing', note: 'How customers compare our plans', sharedBy: 'interest-mate' },
    ]);
    // A teammate's read of another member's interest is audited.
    const entry = await waitFor(
      async () => ((await ok(AUDIT_LOG, { id: owner.workspaceId }, owner.token)).workspace.auditLog as any[]).find((e) => e.operationName === 'TeamInterests'),
      { timeoutMs: 30_000, what: 'the audit entry of the teammate read' },
    );
    expect(entry).toMatchObject({ actorUserId: owner.userId, subjectRefs: [mate.userId] });
    expect(entry.fields).toEqual(expect.arrayContaining(['SharedInterest.theme', 'SharedInterest.sharedBy']));

    // The outsider: not the workspace, not the interest (NOT_FOUND, like an unknown one).
    expect(codesOf(await gql(SHARED, { id: owner.workspaceId }, outsider.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(UPDATE_INTEREST, { input: { interestId: interest.id, note: 'hijacked' } }, outsider.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(REMOVE_INTEREST, { id: interest.id }, outsider.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(SHARE, { input: { interestId: interest.id, workspaceId: outsider.workspaceId } }, outsider.token))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(UPDATE_INTEREST, { input: { interestId: UNKNOWN_ID, note: 'x' } }, mateToken))).toEqual(['NOT_FOUND']);
    expect((await ok(`{ me { interests { id } } }`, {}, outsider.token)).me.interests).toEqual([]);

    // Updated, then unshared and removed.
    expect((await ok(UPDATE_INTEREST, { input: { interestId: interest.id, note: 'Plans and discounts' } }, mateToken)).updateInterest.note).toBe('Plans and discounts');
    expect((await ok(SHARED, { id: owner.workspaceId }, owner.token)).workspace.sharedInterests.map((i: any) => i.note)).toEqual(['Plans and discounts']);
    expect((await ok(UNSHARE, { input: { interestId: interest.id, workspaceId: owner.workspaceId } }, mateToken)).unshareInterest.sharedWith).toEqual([]);
    expect((await ok(SHARED, { id: owner.workspaceId }, owner.token)).workspace.sharedInterests).toEqual([]);
    expect((await ok(REMOVE_INTEREST, { id: kept.id }, mateToken)).removeInterest).toBe(true);
    expect((await ok(`{ me { interests { theme } } }`, {}, mateToken)).me.interests).toEqual([{ theme: 'pricing' }]);
  }, 120_000);
});

describe('Assistance and interests under the rights, through the gateway', () => {
  test('access shows threads, messages and interests; rectification corrects an interest; erasure deletes them all, counted in the proof', async () => {
    const user = await createTenant('assist-rights');
    const staff = await createStaff('assist-support-c', ['SUPPORT']);
    const thread = (await ok(OPEN, { input: { subject: 'Export question', body: 'Can I export my reports as PDF?' } }, user.token)).openAssistanceThread;
    await ok(REPLY, { input: { threadId: thread.id, body: 'HTML today; print it to PDF.' } }, staff.token);
    const interest = (await ok(ADD_INTEREST, { input: { theme: 'delivery delays', note: 'Q4 only' } }, user.token)).addInterest;
    await ok(SHARE, { input: { interestId: interest.id, workspaceId: user.workspaceId } }, user.token);

    // Rectification: the interest is corrected; Assistance messages are records (a statement is attached instead).
    const rectification = (await ok(`mutation($input: RectificationInput!) { requestRectification(input: $input) { id } }`, { input: { interests: [{ interestId: interest.id, theme: 'delivery times', note: 'Q4 and Q1' }], statement: 'My first message meant PDF/A.' } }, user.token)).requestRectification;
    expect(countsOf(await completed(rectification.id, user.token), 'identity')).toEqual([{ collection: 'interests', action: 'UPDATED', count: 1 }]);
    expect((await ok(`{ me { interests { theme note } } }`, {}, user.token)).me.interests).toEqual([{ theme: 'delivery times', note: 'Q4 and Q1' }]);
    expect(codesOf(await gql(`mutation($input: RectificationInput!) { requestRectification(input: $input) { id } }`, { input: { interests: [{ interestId: 'nope', theme: 'x' }] } }, user.token))).toEqual(['BAD_USER_INPUT']);

    // Access: the threads with every message, and the interests.
    const access = (await ok(`mutation { requestAccess(input: {}) { id } }`, {}, user.token)).requestAccess;
    const answer = await waitFor(
      async () => {
        const a = (await ok(ANSWER, { id: access.id }, user.token)).accessAnswer;
        return a.complete && a.request.status === 'COMPLETED' ? a : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'the access answer' },
    );
    const section = (collection: string) => (answer.sections.find((s: any) => s.service === 'identity').collections.find((c: any) => c.collection === collection)?.documents ?? []).map((d: string) => JSON.parse(d));
    const [threadDoc] = section('assistance_threads');
    expect(threadDoc).toMatchObject({ _id: thread.id, subject: 'Export question', status: 'ANSWERED', restricted: false });
    // The kit projects declared paths into an array of sub-documents field by field.
    expect(threadDoc.messages.from).toEqual(['USER', 'SUPPORT']);
    expect(threadDoc.messages.body).toEqual(['Can I export my reports as PDF?', 'HTML today; print it to PDF.']);
    expect(threadDoc.messages.at).toHaveLength(2);
    expect(section('interests')).toEqual([expect.objectContaining({ _id: interest.id, theme: 'delivery times', note: 'Q4 and Q1', sharedWith: [user.workspaceId] })]);
    expect(threadDoc.userId).toBeUndefined();

    // Portability: what the user provided (their subject and messages, their interests), not staff replies nor derived fields.
    const portability = (await ok(PORTABILITY, {}, user.token)).requestPortability;
    const ready = await waitFor(
      async () => {
        const o = (await ok(PORTABILITY_OUTCOME, { id: portability.id }, user.token)).portabilityOutcome;
        return o.status === 'READY' ? o : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'the portability archive' },
    );
    const files = unzipSync(new Uint8Array(await (await fetch(new URL(ready.downloadPath, gatewayUrl()))).arrayBuffer()));
    const ported = JSON.parse(strFromU8(files['data.json']!)).sections.find((s: any) => s.service === 'identity').collections;
    const portedOf = (collection: string) => ported.find((c: any) => c.collection === collection).documents;
    expect(portedOf('assistance_threads')).toEqual([{ _id: thread.id, subject: 'Export question', workspaceId: null, messages: { body: ['Can I export my reports as PDF?'] } }]);
    expect(portedOf('interests')).toEqual([{ _id: interest.id, theme: 'delivery times', note: 'Q4 and Q1', sharedWith: [user.workspaceId] }]);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['csv/identity-assistance_threads.csv', 'csv/identity-interests.csv']));

    // Erasure of the account: threads and interests gone from identity's database, their counts in the receipt.
    const erasure = (await ok(`mutation { requestErasure(input: {}) { id } }`, {}, user.token)).requestErasure;
    const dbs = await connectServiceDatabases();
    try {
      const request = await waitFor(
        async () => {
          const r = await dbs.get('rights')!.db!.collection('requests').findOne({ _id: erasure.id as any });
          return r?.['status'] === 'COMPLETED' ? r : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 100, what: 'the erasure to complete' },
      );
      const identity = (request!['acknowledgements'] as any[]).find((a) => a.service === 'identity');
      expect(identity.counts).toEqual(
        expect.arrayContaining([
          { collection: 'assistance_threads', action: 'DELETED', count: 1 },
          { collection: 'interests', action: 'DELETED', count: 1 },
          { collection: 'users', action: 'DELETED', count: 1 },
        ]),
      );
      const db = dbs.get('identity')!.db!;
      expect(await db.collection('assistance_threads').countDocuments({ userId: user.userId })).toBe(0);
      expect(await db.collection('interests').countDocuments({ userId: user.userId })).toBe(0);
      expect(await db.collection('assistance_threads').countDocuments({ _id: thread.id as any })).toBe(0);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  }, 180_000);

  test("a restricted user's thread is kept but leaves the queue and cannot be answered; their shared interest is no longer shown", async () => {
    const owner = await createTenant('assist-restrict-owner');
    const user = await createTenant('assist-restricted');
    const staff = await createStaff('assist-support-d', ['SUPPORT']);
    await ok(ADD_MEMBER, { input: { workspaceId: owner.workspaceId, email: user.email, role: 'MEMBER' } }, owner.token);
    const token = (await ok(REFRESH, { i: { refreshToken: user.refreshToken } })).refreshSession.accessToken;
    const thread = (await ok(OPEN, { input: { subject: 'Restricted soon', body: 'Please keep this.' } }, token)).openAssistanceThread;
    const interest = (await ok(ADD_INTEREST, { input: { theme: 'churn' } }, token)).addInterest;
    await ok(SHARE, { input: { interestId: interest.id, workspaceId: owner.workspaceId } }, token);
    expect((await ok(SHARED, { id: owner.workspaceId }, owner.token)).workspace.sharedInterests.map((i: any) => i.theme)).toEqual(['churn']);

    await ok(`mutation { requestRestriction(input: {}) { id } }`, {}, token);
    await waitFor(async () => (codesOf(await gql(READ, { id: thread.id }, staff.token)).includes('PROCESSING_RESTRICTED') ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the thread restricted',
    });
    expect(codesOf(await gql(REPLY, { input: { threadId: thread.id, body: 'Hello?' } }, staff.token))).toEqual(['PROCESSING_RESTRICTED']);
    expect(await findInQueue(staff.token, thread.id)).toBeUndefined();
    expect((await ok(SHARED, { id: owner.workspaceId }, owner.token)).workspace.sharedInterests).toEqual([]);
    const dbs = await connectServiceDatabases();
    try {
      const db = dbs.get('identity')!.db!;
      expect(await db.collection('assistance_threads').findOne({ _id: thread.id as any })).toMatchObject({ restricted: true, subject: 'Restricted soon' });
      expect(await db.collection('interests').countDocuments({ _id: interest.id as any })).toBe(1);
      expect(await db.collection('mail_outbox').countDocuments({ to: user.email, templateId: 'assistance-reply' })).toBe(0);
    } finally {
      for (const c of dbs.values()) await c.close();
    }
  }, 120_000);
});
