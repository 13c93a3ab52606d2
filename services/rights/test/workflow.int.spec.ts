import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { LEGAL_HOLD_CHANGED, RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind } from '@verbatim/contracts';
import { codeOf, mailsTo, newTenant, newTestSigner, newUser, servePublishedKeys, startTestService, waitFor, type EventObserver, type PublishedKeys, type TestService } from '@verbatim/kit/testing';
import { signedAcknowledgement, type Principal, type ServiceSigner } from '@verbatim/kit';
import { HOLDERS, type RightsRequestOpened } from '@verbatim/contracts';
import { createRights, type Rights } from '../src/app.js';
import { addCalendarMonths } from '../src/domain/deadline.js';
import { DatabaseBlip, permanentFailure, scriptedStrategies, startHolder, type Script } from './holder.js';
import { testWorkflowConfig } from './workflow-config.js';

const DAY = 86_400_000;
const REASK_AFTER_MS = 60_000;

let rights: TestService<Rights>;
let holder: Awaited<ReturnType<typeof startHolder>>;
let seen: EventObserver;
/** Each holder's receipt signer, its keys served as the running services serve theirs. */
const signers = new Map<HolderName, ServiceSigner>();
let published: PublishedKeys;
/** The domain's clock: real time moved forward by `offsetMs`. */
let offsetMs = 0;
const scripts = new Map<string, Script>();
const calls = new Map<string, number>();

/** consent is a real holder (the kit's handler); the other four are played by the test. */
const PLAYED: HolderName[] = ['identity', 'ingestion', 'anonymizer', 'reporting'];

const FIELDS = `id kind status dueAt requestedAt overdueAt holdReason legalHoldId contactEmail
  tasks { service status asks attempts lastError askedAt answeredAt }
  repetition { count windowDays } extension { months reason previousDueAt extendedBy }
  refusal { justification refusedBy } fee { amountCents currency reason chargedBy }
  acknowledgements { service outcome }`;
const ERASE = `mutation($input: RightsRequestInput!) { requestErasure(input: $input) { ${FIELDS} } }`;
const RESTRICT = `mutation($input: RightsRequestInput!) { requestRestriction(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { rightsRequest(id: $id) { ${FIELDS} } }`;
const RETRY = `mutation($requestId: ID!, $service: String!) { retryRightsTask(requestId: $requestId, service: $service) { ${FIELDS} } }`;
const EXTEND = `mutation($input: RightsExtensionInput!) { extendRightsDeadline(input: $input) { ${FIELDS} } }`;
const REFUSE = `mutation($input: RightsRefusalInput!) { refuseRightsRequest(input: $input) { ${FIELDS} } }`;
const FEE = `mutation($input: RightsFeeInput!) { chargeRightsRequestFee(input: $input) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptRepetitiveRightsRequest(requestId: $id) { ${FIELDS} } }`;
const HOLD = `mutation($input: LegalHoldInput!) { placeLegalHold(input: $input) { id reference subjectId placedBy liftedAt } }`;
const LIFT = `mutation($id: ID!) { liftLegalHold(holdId: $id) { id liftedAt liftedBy } }`;
const WORKSPACE = `query($r: [_Any!]!, $status: RightsRequestStatus, $orderBy: RightsRequestOrder) { _entities(representations: $r) { ... on Workspace {
  rightsRequests(status: $status, orderBy: $orderBy) { id status dueAt }
  legalHolds { id reference liftedAt subjectId }
  rightsAudit { action actorId subjectId requestId holdId reference service }
} } }`;

type Task = { service: string; status: string; asks: number; attempts: number; lastError: string | null };
type Req = { id: string; status: string; tasks: Task[]; [k: string]: unknown };

const task = (r: Req, service: string) => r.tasks.find((t) => t.service === service)!;
const stored = (id: string) => rights.app.deps.requests.model.findById(id).lean<Record<string, unknown>>();

async function read(principal: Principal, id: string): Promise<Req> {
  const r = await rights.gql(principal, GET, { id });
  expect(r.errors).toBeUndefined();
  return r.data!['rightsRequest'];
}

/** Polls the request until `ok` holds. */
const until = (principal: Principal, id: string, ok: (r: Req) => boolean, what: string) =>
  waitFor(async () => {
    const r = await read(principal, id);
    return ok(r) ? r : undefined;
  }, { what });

/** A played holder's DONE, with its receipt signed for the request as the holders received it. */
async function acknowledge(service: HolderName, requestId: string, _kind: RightsKind, counts: ActionCount[] = []) {
  const opened = await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload['requestId'] === requestId, `request ${requestId} opened`);
  return rights.as(service).publish(RIGHTS_ACKNOWLEDGED, requestId, await signedAcknowledgement(signers.get(service)!, service, opened.payload as RightsRequestOpened, 'DONE', counts, new Date()));
}
const playedHoldersAnswer = (requestId: string, kind: RightsKind, services: HolderName[] = PLAYED) =>
  Promise.all(services.map((s) => acknowledge(s, requestId, kind, s === 'ingestion' ? [{ collection: 'respondents', action: 'DELETED', count: 1 }] : [])));

async function open(principal: Principal, mutation: string, input: Record<string, unknown>): Promise<Req> {
  const r = await rights.gql(principal, mutation, { input });
  expect(r.errors).toBeUndefined();
  return Object.values(r.data!)[0] as Req;
}

beforeAll(async () => {
  for (const h of HOLDERS) signers.set(h, await newTestSigner(h));
  published = await servePublishedKeys([...signers.values()]);
  rights = await startTestService('rights', (base) =>
    createRights({
      ...base,
      config: { ...testWorkflowConfig, RIGHTS_DIGEST_KEY: 'b2'.repeat(32), RIGHTS_HOLDER_URLS: published.urls as Record<HolderName, string>, RIGHTS_REASK_AFTER_MS: REASK_AFTER_MS, RIGHTS_MAX_ASKS: 3, RIGHTS_REPETITION_THRESHOLD: 3 },
      clock: () => new Date(Date.now() + offsetMs),
    }),
  );
  holder = await startHolder('consent', rights.prefix, scriptedStrategies(scripts, calls), { retry: { budgetMs: 1_500, baseDelayMs: 20, maxDelayMs: 200 }, signer: signers.get('consent')!, busRetryBudgetMs: 1_000 });
  seen = await rights.observe([RIGHTS_OPENED, RIGHTS_ACKNOWLEDGED, LEGAL_HOLD_CHANGED]);
});

afterAll(async () => {
  await holder?.stop();
  await rights?.stop();
  await published?.close();
});

describe('the rights workflow: a task per holder, retries, watchdog, deadlines, repetition, legal hold', () => {
  test('a holder whose strategy fails permanently answers FAILED with a code and no personal data; retryRightsTask asks it alone again and its DONE completes the request', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    scripts.set(respondentId, { fail: permanentFailure, times: 1 });
    const request = await open(t.admin, ERASE, { workspaceId: t.workspaceId, respondentId });
    expect(request.status).toBe('IN_PROGRESS');
    expect(request.tasks.map((x) => [x.service, x.status, x.asks])).toEqual(['identity', 'ingestion', 'anonymizer', 'reporting', 'consent'].map((s) => [s, 'PENDING', 1]));
    await playedHoldersAnswer(request.id, 'ERASURE');

    const failed = await until(t.admin, request.id, (r) => task(r, 'consent').status === 'FAILED' && r.tasks.filter((x) => x.status === 'DONE').length === 4, 'consent FAILED');
    // Permanent: one attempt, not the whole retry budget.
    expect(task(failed, 'consent')).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'PRECONDITION_FAILED', asks: 1 });
    expect(failed.status).toBe('IN_PROGRESS');
    expect(JSON.stringify(await stored(request.id))).not.toContain('jane.doe');
    const ack = await seen.waitFor((e) => e.type === 'rights.request-acknowledged' && e.payload.requestId === request.id && e.payload.service === 'consent');
    expect(ack.payload).toMatchObject({ outcome: 'FAILED', errorCode: 'PRECONDITION_FAILED', attempts: 1, counts: [] });

    // Only who may see the request may retry it, and only a FAILED task.
    expect(codeOf(await rights.gql(t.member, RETRY, { requestId: request.id, service: 'consent' }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.admin, RETRY, { requestId: request.id, service: 'identity' }))).toBe('PRECONDITION_FAILED');
    expect(codeOf(await rights.gql(t.admin, RETRY, { requestId: request.id, service: 'billing' }))).toBe('BAD_USER_INPUT');

    const retrying = Date.now();
    const retried = (await rights.gql(t.admin, RETRY, { requestId: request.id, service: 'consent' })).data!['retryRightsTask'] as Req;
    expect(task(retried, 'consent')).toMatchObject({ status: 'PENDING', asks: 2, lastError: 'PRECONDITION_FAILED' });
    const reask = await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload.requestId === request.id && e.payload.holders);
    expect(reask.payload.holders).toEqual(['consent']);

    const done = await until(t.admin, request.id, (r) => r.status === 'COMPLETED', 'completion after the retry');
    process.stdout.write(`retryRightsTask to COMPLETED: ${Date.now() - retrying} ms\n`);
    expect(task(done, 'consent')).toMatchObject({ status: 'DONE', asks: 2, attempts: 2 });
    expect((done['acknowledgements'] as Array<{ service: string }>).find((a) => a.service === 'consent')).toEqual({ service: 'consent', outcome: 'DONE' });
    expect(calls.get(respondentId)).toBe(2);
  });

  test('a holder retries transient failures with backoff and answers DONE; one that keeps failing answers FAILED with the last error code once its budget is spent', async () => {
    const t = newTenant();
    const flaky = randomUUID();
    const broken = randomUUID();
    scripts.set(flaky, { fail: () => new DatabaseBlip(), times: 2 });
    scripts.set(broken, { fail: () => new DatabaseBlip(), times: Number.POSITIVE_INFINITY });
    const a = await open(t.admin, ERASE, { workspaceId: t.workspaceId, respondentId: flaky });
    const b = await open(t.admin, ERASE, { workspaceId: t.workspaceId, respondentId: broken });

    const recovered = await until(t.admin, a.id, (r) => task(r, 'consent').status !== 'PENDING', 'the flaky holder answering');
    expect(task(recovered, 'consent')).toMatchObject({ status: 'DONE', attempts: 3, lastError: null });
    const gaveUp = await until(t.admin, b.id, (r) => task(r, 'consent').status !== 'PENDING', 'the broken holder answering');
    expect(task(gaveUp, 'consent')).toMatchObject({ status: 'FAILED', lastError: 'DatabaseBlip' });
    expect(task(gaveUp, 'consent').attempts).toBeGreaterThan(2);
  });

  test('a message the holder cannot even record is dead-lettered, and the holder still answers FAILED (DEAD_LETTERED)', async () => {
    const user = newUser();
    scripts.set(user.userId, { invalidCounts: true });
    const request = await open(user, RESTRICT, {});
    const failed = await until(user, request.id, (r) => task(r, 'consent').status === 'FAILED', 'the dead-lettered holder answering FAILED');
    expect(task(failed, 'consent').lastError).toBe('DEAD_LETTERED');
  });

  test('the watchdog asks again only the holders that have not answered, after the configured delay, and gives a silent one up as FAILED (NO_ANSWER) after the last ask', async () => {
    const user = newUser();
    const request = await open(user, RESTRICT, {});
    await playedHoldersAnswer(request.id, 'RESTRICTION', ['identity', 'ingestion', 'anonymizer']);
    await until(user, request.id, (r) => r.tasks.filter((x) => x.status === 'DONE').length === 4, 'every holder but reporting');

    await rights.app.watchdog.runOnce();
    expect(task(await read(user, request.id), 'reporting')).toMatchObject({ status: 'PENDING', asks: 1 });

    offsetMs += REASK_AFTER_MS + 1_000;
    await rights.app.watchdog.runOnce();
    const reasked = await read(user, request.id);
    expect(task(reasked, 'reporting')).toMatchObject({ status: 'PENDING', asks: 2 });
    expect(task(reasked, 'consent')).toMatchObject({ status: 'DONE', asks: 1 });
    const reask = await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload.requestId === request.id && e.payload.holders);
    expect(reask.payload.holders).toEqual(['reporting']);

    // A holder asked again after answering sends the same answer again (idempotent per request).
    await seen.waitFor((e) => e.type === 'rights.request-acknowledged' && e.payload.requestId === request.id && e.payload.service === 'consent');
    await rights.as('rights').publish(RIGHTS_OPENED, user.userId, { requestId: request.id, kind: 'RESTRICTION', subjectType: 'USER', subjectId: user.userId, workspaceId: null, holders: ['consent'] });
    await waitFor(async () => seen.events.filter((e) => e.type === 'rights.request-acknowledged' && e.payload.requestId === request.id && e.payload.service === 'consent').length === 2, { what: 'the same answer again' });
    const answers = seen.events.filter((e) => e.type === 'rights.request-acknowledged' && e.payload.requestId === request.id && e.payload.service === 'consent');
    expect(answers[1]!.payload).toEqual(answers[0]!.payload);
    expect(calls.get(user.userId)).toBe(1);

    offsetMs += REASK_AFTER_MS + 1_000;
    await rights.app.watchdog.runOnce();
    expect(task(await read(user, request.id), 'reporting')).toMatchObject({ status: 'PENDING', asks: 3 });
    offsetMs += REASK_AFTER_MS + 1_000;
    await rights.app.watchdog.runOnce();
    const gaveUp = await read(user, request.id);
    expect(task(gaveUp, 'reporting')).toMatchObject({ status: 'FAILED', asks: 3, lastError: 'NO_ANSWER' });

    // A late answer still counts.
    await acknowledge('reporting', request.id, 'RESTRICTION');
    await until(user, request.id, (r) => r.status === 'COMPLETED', 'completion by the late answer');
  });

  test('the watchdog marks a request OVERDUE once its deadline passed; it is listed by due date and still completes', async () => {
    const t = newTenant();
    const late = await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId: randomUUID() });
    offsetMs += 10 * DAY;
    const later = await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId: randomUUID() });
    await rights.app.watchdog.runOnce();
    expect((await read(t.admin, late.id)).status).toBe('IN_PROGRESS');

    offsetMs += 22 * DAY;
    await rights.app.watchdog.runOnce();
    const overdue = await read(t.admin, late.id);
    expect(overdue.status).toBe('OVERDUE');
    expect(new Date(overdue['overdueAt'] as string).getTime()).toBeGreaterThan(new Date(overdue['dueAt'] as string).getTime());
    expect((await read(t.admin, later.id)).status).toBe('IN_PROGRESS');

    const list = async (variables: Record<string, unknown>) =>
      (await rights.gql(t.admin, WORKSPACE, { r: [{ __typename: 'Workspace', id: t.workspaceId }], ...variables })).data!['_entities'][0]['rightsRequests'].map((r: { id: string }) => r.id);
    expect(await list({ orderBy: 'DUE_AT_ASC' })).toEqual([late.id, later.id]);
    expect(await list({})).toEqual([later.id, late.id]);
    expect(await list({ status: 'OVERDUE' })).toEqual([late.id]);

    await playedHoldersAnswer(late.id, 'RESTRICTION');
    await until(t.admin, late.id, (r) => r.status === 'COMPLETED', 'an overdue request completing');
  });

  test('a deadline is extended once, by up to two further months, with a reason mailed to the subject, and only before the first month ends', async () => {
    const t = newTenant();
    const contactEmail = `subject-${randomUUID()}@example.com`;
    const request = await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId: randomUUID(), contactEmail, contactLocale: 'EN' });
    const input = { requestId: request.id, months: 2, reason: 'Many holders and a large archive to search' };

    expect(codeOf(await rights.gql(t.member, EXTEND, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.admin, EXTEND, { input: { ...input, months: 3 } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await rights.gql(t.admin, EXTEND, { input: { ...input, reason: ' ' } }))).toBe('BAD_USER_INPUT');

    const extended = (await rights.gql(t.admin, EXTEND, { input })).data!['extendRightsDeadline'] as Req;
    expect(extended['dueAt']).toBe(addCalendarMonths(new Date(request['requestedAt'] as string), 3).toISOString());
    expect(extended['extension']).toEqual({ months: 2, reason: input.reason, previousDueAt: request['dueAt'], extendedBy: t.admin.userId });
    const [mail] = await mailsTo(contactEmail);
    expect(mail!.Subject).toBe(`Your request ${request.id}: deadline extended`);
    expect(mail!.Text).toContain(input.reason);
    expect(mail!.Text).toContain((extended['dueAt'] as string).slice(0, 10));

    const second = await rights.gql(t.admin, EXTEND, { input: { ...input, months: 1 } });
    expect(codeOf(second)).toBe('PRECONDITION_FAILED');
    expect(second.errors![0]!.message).toContain('extended once only');

    // Another request, once its first month is over: too late.
    const other = await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId: randomUUID(), contactEmail });
    offsetMs += 32 * DAY;
    const tooLate = await rights.gql(t.admin, EXTEND, { input: { ...input, requestId: other.id } });
    expect(codeOf(tooLate)).toBe('PRECONDITION_FAILED');
    expect(tooLate.errors![0]!.message).toContain('first month');
    // Without a contact email the subject cannot be told: refused, nothing written.
    const mute = await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId: randomUUID() });
    expect(codeOf(await rights.gql(t.admin, EXTEND, { input: { ...input, requestId: mute.id } }))).toBe('PRECONDITION_FAILED');
    expect((await stored(mute.id))?.['extension']).toBeNull();
  });

  test('the third request of the same right by the same respondent is flagged and waits; it is refused with a justification mailed with the CNIL contact, or charged a fee, or accepted', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    const contactEmail = `repeat-${randomUUID()}@example.com`;
    const input = { workspaceId: t.workspaceId, respondentId, contactEmail };
    for (let i = 0; i < 2; i++) {
      const r = await open(t.admin, RESTRICT, input);
      expect(r.repetition ?? null).toBeNull();
      await playedHoldersAnswer(r.id, 'RESTRICTION');
      await until(t.admin, r.id, (x) => x.status === 'COMPLETED', `request ${i + 1} completing`);
    }
    const third = await open(t.admin, RESTRICT, input);
    expect(third).toMatchObject({ status: 'ON_HOLD', holdReason: 'REPETITIVE', repetition: { count: 3, windowDays: 90 }, tasks: [] });
    expect((await stored(third.id))?.['outbox'] ?? []).toEqual([]);

    const unjustified = await rights.gql(t.admin, REFUSE, { input: { requestId: third.id } });
    expect(codeOf(unjustified)).toBe('BAD_USER_INPUT');
    expect(unjustified.errors![0]!.message).toContain('justification');
    expect(codeOf(await rights.gql(t.member, REFUSE, { input: { requestId: third.id, justification: 'x' } }))).toBe('FORBIDDEN');
    const justification = 'Third identical restriction request in a week; nothing changed since the last one.';
    const refused = (await rights.gql(t.admin, REFUSE, { input: { requestId: third.id, justification } })).data!['refuseRightsRequest'] as Req;
    expect(refused).toMatchObject({ status: 'REFUSED', refusal: { justification, refusedBy: t.admin.userId }, contactEmail: null });
    const [refusal] = await mailsTo(contactEmail);
    expect(refusal!.Text).toContain(justification);
    expect(refusal!.Text).toContain('CNIL');
    expect(refusal!.Text).toContain('3 place de Fontenoy');
    expect(codeOf(await rights.gql(t.admin, REFUSE, { input: { requestId: third.id, justification } }))).toBe('PRECONDITION_FAILED');

    const fourth = await open(t.admin, RESTRICT, input);
    expect(fourth.status).toBe('ON_HOLD');
    const charged = (await rights.gql(t.admin, FEE, { input: { requestId: fourth.id, amountCents: 2500, reason: 'Repeated requests: administrative cost' } })).data!['chargeRightsRequestFee'] as Req;
    expect(charged).toMatchObject({ status: 'IN_PROGRESS', fee: { amountCents: 2500, currency: 'EUR', chargedBy: t.admin.userId } });
    expect(charged.tasks).toHaveLength(5);
    // French by default (no contactLocale given).
    const fee = (await mailsTo(contactEmail, 2)).find((m) => m.Subject.includes('frais'))!;
    expect(fee.Text).toContain('25.00 EUR');
    await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload.requestId === fourth.id);
    await playedHoldersAnswer(fourth.id, 'RESTRICTION');
    await until(t.admin, fourth.id, (x) => x.status === 'COMPLETED', 'the charged request completing');

    const fifth = await open(t.admin, RESTRICT, input);
    const accepted = (await rights.gql(t.admin, ACCEPT, { id: fifth.id })).data!['acceptRepetitiveRightsRequest'] as Req;
    expect(accepted.status).toBe('IN_PROGRESS');
    const audit = (await rights.gql(t.admin, WORKSPACE, { r: [{ __typename: 'Workspace', id: t.workspaceId }] })).data!['_entities'][0]['rightsAudit'];
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['REPETITIVE_REQUEST_ACCEPTED', 'FEE_CHARGED', 'REQUEST_REFUSED']);
    expect(JSON.stringify(audit)).not.toContain(justification);
  });

  test('an erasure of a respondent under a legal hold waits ON_HOLD, is sent when the hold is lifted and completes; both actions are audited', async () => {
    const t = newTenant();
    const respondentId = randomUUID();
    const reference = `Parquet de Paris, RG ${randomUUID().slice(0, 8)}`;
    expect(codeOf(await rights.gql(t.member, HOLD, { input: { workspaceId: t.workspaceId, respondentId, reference } }))).toBe('FORBIDDEN');
    expect(codeOf(await rights.gql(t.admin, HOLD, { input: { workspaceId: t.workspaceId, respondentId } }))).toBe('BAD_USER_INPUT');
    const hold = (await rights.gql(t.admin, HOLD, { input: { workspaceId: t.workspaceId, respondentId, reference } })).data!['placeLegalHold'];
    expect(hold).toMatchObject({ reference, subjectId: respondentId, placedBy: t.admin.userId, liftedAt: null });
    expect(codeOf(await rights.gql(t.admin, HOLD, { input: { workspaceId: t.workspaceId, respondentId, reference } }))).toBe('CONFLICT');

    const erasure = await open(t.admin, ERASE, { workspaceId: t.workspaceId, respondentId });
    expect(erasure).toMatchObject({ status: 'ON_HOLD', holdReason: 'LEGAL_HOLD', legalHoldId: hold.id, tasks: [] });
    expect((await stored(erasure.id))?.['outbox'] ?? []).toEqual([]);
    // A restriction is not an erasure: the hold does not stop it.
    expect((await open(t.admin, RESTRICT, { workspaceId: t.workspaceId, respondentId })).status).toBe('IN_PROGRESS');
    await rights.app.watchdog.runOnce();
    expect((await read(t.admin, erasure.id)).status).toBe('ON_HOLD');

    expect(codeOf(await rights.gql(t.outsider, LIFT, { id: hold.id }))).toBe('FORBIDDEN');
    // Every service hears of the hold (their retention sweeps keep the subject's data) and of its end.
    const placed = await seen.waitFor((e) => e.type === 'rights.legal-hold-changed' && e.payload['holdId'] === hold.id && e.payload['held'] === true, 'the hold announced');
    expect(placed.payload).toMatchObject({ subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId: t.workspaceId });
    // The retention sweeps of rights itself (a consumer like every service) now keep the subject.
    await waitFor(async () => ((await rights.retention!.holds.heldAmong([respondentId])).has(respondentId) ? true : undefined), { what: 'the hold recorded for retention' });
    const lifted = (await rights.gql(t.admin, LIFT, { id: hold.id })).data!['liftLegalHold'];
    await seen.waitFor((e) => e.type === 'rights.legal-hold-changed' && e.payload['holdId'] === hold.id && e.payload['held'] === false, 'the lift announced');
    expect(lifted.liftedBy).toBe(t.admin.userId);
    expect(codeOf(await rights.gql(t.admin, LIFT, { id: hold.id }))).toBe('PRECONDITION_FAILED');
    const resumed = await read(t.admin, erasure.id);
    expect(resumed.status).toBe('IN_PROGRESS');
    expect(resumed.tasks).toHaveLength(5);
    await seen.waitFor((e) => e.type === 'rights.request-opened' && e.payload.requestId === erasure.id);
    await playedHoldersAnswer(erasure.id, 'ERASURE');
    await until(t.admin, erasure.id, (r) => r.status === 'COMPLETED', 'the resumed erasure completing');

    const workspace = (await rights.gql(t.admin, WORKSPACE, { r: [{ __typename: 'Workspace', id: t.workspaceId }] })).data!['_entities'][0];
    expect(workspace.rightsAudit.filter((a: { holdId: string | null }) => a.holdId === hold.id)).toEqual([
      { action: 'LEGAL_HOLD_LIFTED', actorId: t.admin.userId, subjectId: null, requestId: null, holdId: hold.id, reference, service: null },
      { action: 'LEGAL_HOLD_PLACED', actorId: t.admin.userId, subjectId: null, requestId: null, holdId: hold.id, reference, service: null },
    ]);
    // After the erasure, the hold and the audit name the respondent by digest only.
    expect(workspace.legalHolds).toEqual([{ id: hold.id, reference, liftedAt: expect.any(String), subjectId: null }]);
    expect(codeOf(await rights.gql(t.member, WORKSPACE, { r: [{ __typename: 'Workspace', id: t.workspaceId }] }))).toBe('FORBIDDEN');
  });
});
