import { randomUUID } from 'node:crypto';
import { AppError, badInput, conflict, notFound, parseInput, requirePlatformRole, requireUser, requireWorkspace, type Principal, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { AssistanceMessageDoc, AssistanceStatus, AssistanceThreadDoc } from '../model/assistance-thread.schema.js';
import type { QueueCursor } from '../model/assistance-thread.repository.js';
import { MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';
import { mayReceiveOptionalMail } from './optional-mail.js';

/** A thread holds at most this many messages: past it, the user opens a new one. */
export const MAX_THREAD_MESSAGES = 200;
const MAX_QUEUE_PAGE = 100;

const threadId = z.uuid('threadId must be a thread id');
const body = z.string().trim().min(1, 'body must not be empty').max(5_000, 'body is at most 5,000 characters');
const openInput = z.object({
  subject: z.string().trim().min(1, 'subject must not be empty').max(200, 'subject is at most 200 characters'),
  body,
  workspaceId: z.uuid('workspaceId must be a workspace id').nullish(),
});
const postInput = z.object({ threadId, body });
const queueArgs = z.object({
  status: z.enum(['OPEN', 'ANSWERED']).nullish(),
  first: z.number().int().min(1, 'first is at least 1').max(MAX_QUEUE_PAGE, `first is at most ${MAX_QUEUE_PAGE}`).default(20),
  after: z.string().max(200).nullish(),
});

/** Another user's thread answers exactly like one that does not exist. */
const threadNotFound = () => notFound('The Assistance thread');
const restricted = () =>
  new AppError('PROCESSING_RESTRICTED', "Processing of this user's data is restricted (GDPR Art. 18): the thread is kept but cannot be read or answered until the restriction is lifted.");

const message = (from: AssistanceMessageDoc['from'], text: string, at: Date): AssistanceMessageDoc => ({ _id: randomUUID(), from, body: text, at });

const isSupport = (principal: Principal) => principal.platformRoles.includes('SUPPORT');

export async function openThread(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AssistanceThreadDoc> {
  const input = parseInput(openInput, raw);
  const principal = input.workspaceId ? requireWorkspace(ctx, input.workspaceId) : requireUser(ctx);
  const now = new Date();
  const thread: AssistanceThreadDoc = {
    _id: randomUUID(),
    userId: principal.userId,
    workspaceId: input.workspaceId ?? null,
    subject: input.subject,
    status: 'OPEN',
    messages: [message('USER', input.body, now)],
    messageCount: 1,
    createdAt: now,
    lastMessageAt: now,
    closedAt: null,
    restricted: false,
  };
  await deps.assistance.insert(thread);
  return thread;
}

/** The user's own thread, or any for SUPPORT staff (their read is audited by the kit's plugin). */
export async function readThread(deps: IdentityDeps, ctx: RequestContext, id: string): Promise<AssistanceThreadDoc> {
  const principal = requireUser(ctx);
  const thread = z.uuid().safeParse(id).success ? await deps.assistance.findById(id) : null;
  if (!thread) throw threadNotFound();
  if (thread.userId === principal.userId) return thread;
  if (!isSupport(principal)) throw threadNotFound();
  if (thread.restricted) throw restricted();
  return thread;
}

export const threadsOfUser = (deps: IdentityDeps, userId: string) => deps.assistance.findByUser(userId);

/** The user writes in their own thread: it waits for staff again. */
export async function postMessage(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AssistanceThreadDoc> {
  const input = parseInput(postInput, raw);
  const principal = requireUser(ctx);
  const thread = await deps.assistance.findById(input.threadId);
  if (!thread || thread.userId !== principal.userId) throw threadNotFound();
  return append(deps, thread, message('USER', input.body, new Date()), 'OPEN');
}

/**
 * A staff reply: the thread is ANSWERED and the user is told by mail that there is one (never its text,
 * which stays behind their sign-in), unless they are restricted or objected to COMMUNICATION.
 */
export async function replyToThread(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AssistanceThreadDoc> {
  requirePlatformRole(ctx, 'SUPPORT');
  const input = parseInput(postInput, raw);
  const thread = await deps.assistance.findById(input.threadId);
  if (!thread) throw threadNotFound();
  if (thread.restricted) throw restricted();
  const answered = await append(deps, thread, message('SUPPORT', input.body, new Date()), 'ANSWERED');
  const user = await deps.users.findById(thread.userId);
  if (user && mayReceiveOptionalMail(user)) {
    await deps.mailer.enqueueMail({
      templateId: 'assistance-reply',
      locale: MAIL_LOCALE,
      to: user.email,
      variables: { firstName: user.firstName, assistanceUrl: `${deps.settings.WEB_APP_URL.replace(/\/$/, '')}/assistance` },
    });
  }
  return answered;
}

/** One conditional write; when it did not apply, says why from the thread as it is now. */
async function append(deps: IdentityDeps, thread: AssistanceThreadDoc, msg: AssistanceMessageDoc, status: AssistanceStatus): Promise<AssistanceThreadDoc> {
  const updated = await deps.assistance.append(thread._id, msg, status, MAX_THREAD_MESSAGES);
  if (updated) return updated;
  const now = await deps.assistance.findById(thread._id);
  if (!now) throw threadNotFound();
  if (now.status === 'CLOSED') throw conflict('This thread is closed: open a new one.');
  if (now.restricted) throw restricted();
  throw badInput(`A thread holds at most ${MAX_THREAD_MESSAGES} messages: open a new one.`);
}

/** The user closes their own thread, or staff close any; closing a closed thread changes nothing. */
export async function closeThread(deps: IdentityDeps, ctx: RequestContext, id: string): Promise<AssistanceThreadDoc> {
  const principal = requireUser(ctx);
  const thread = z.uuid().safeParse(id).success ? await deps.assistance.findById(id) : null;
  if (!thread || (thread.userId !== principal.userId && !isSupport(principal))) throw threadNotFound();
  return (await deps.assistance.close(thread._id, new Date())) ?? (await deps.assistance.findById(thread._id)) ?? thread;
}

const encodeCursor = (t: AssistanceThreadDoc) => Buffer.from(`${t.createdAt.toISOString()}|${t._id}`).toString('base64url');
function decodeCursor(cursor: string): QueueCursor {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) throw badInput('after: not a cursor of this queue (pass nextCursor as it was given).', { fields: [{ field: 'after', problem: 'invalid' }] });
  return { createdAt, id: id! };
}

/** The support queue, oldest first: staff answer in the order people asked. */
export async function assistanceQueue(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  requirePlatformRole(ctx, 'SUPPORT');
  const args = parseInput(queueArgs, raw);
  const statuses: AssistanceStatus[] = args.status ? [args.status] : ['OPEN', 'ANSWERED'];
  // One more than asked tells whether there is a next page.
  const page = await deps.assistance.queue(statuses, args.first + 1, args.after ? decodeCursor(args.after) : null);
  const threads = page.slice(0, args.first);
  return { threads, nextCursor: page.length > args.first ? encodeCursor(threads[threads.length - 1]!) : null };
}
