import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { loadDataMap } from '@verbatim/contracts';
import { AppError, notFound, parseInput, RESPONDENT_TOKEN_TYPE, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { NOT_USED, type RespondentCodeDoc } from '../model/respondent-code.repository.js';
import type { IdentityDeps } from './deps.js';
import { lookUpRespondent } from './respondent-lookup.js';
import { checkThrottle, codeRequestAttempt, recordFailure } from './throttle.js';

const workspaceId = z.uuid('workspaceId must be a workspace id');
const email = z.email('email must be a valid email address').max(320).transform((e) => e.trim().toLowerCase());

const codeRequestInput = z.object({ workspaceId, email, locale: z.enum(['FR', 'EN']).nullish() });
const codeVerificationInput = z.object({ workspaceId, email, code: z.string().trim().regex(/^\d{6}$/, 'code must be the 6 digits of the mail') });

/** The address's digest, per workspace: the code is found again without the address being stored. */
const emailDigestOf = (ws: string, address: string) => createHash('sha256').update(`respondent:${ws}:${address}`).digest('base64url');
const codeHashOf = (digest: string, code: string) => createHash('sha256').update(`${digest}:${code}`).digest('base64url');

/**
 * A stable id that no respondent holds, for an address the workspace does not know: a session and its
 * requests then look like anyone's, and every holder finds nothing (an erasure ends NOT_FOUND).
 */
function unknownRespondentId(digest: string): string {
  const h = createHash('sha256').update(`unknown-respondent:${digest}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a workspace's public privacy page shows: no personal data, so anyone may read it. */
export async function respondentPortal(deps: IdentityDeps, rawId: unknown) {
  const id = parseInput(workspaceId, rawId);
  const workspace = await deps.workspaces.findById(id);
  if (!workspace) throw notFound('The workspace');
  const policy = (await deps.policies.history())[0] ?? null;
  const { controller } = loadDataMap().policy;
  return {
    workspaceId: workspace._id,
    workspaceName: workspace.name,
    policyVersion: policy?.version ?? null,
    policyPublishedAt: policy?.publishedAt.toISOString() ?? null,
    processorName: controller.name,
    processorAddress: controller.address,
    dpoContact: controller.dpoContact,
    codeTtlSeconds: deps.settings.RESPONDENT_CODE_TTL_SECONDS,
  };
}

/**
 * Mails a 6-digit code to the address. The answer, the mail and the work done are the same whether or
 * not the workspace knows the address, so the page tells no one who its customers are; only the person
 * who reads the mail can go further, and what they then see is about themself.
 */
export async function requestRespondentCode(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(codeRequestInput, raw);
  const workspace = await deps.workspaces.findById(input.workspaceId);
  if (!workspace) throw notFound('The workspace');
  const digest = emailDigestOf(workspace._id, input.email);
  const attempt = codeRequestAttempt(digest, ctx.clientAddress);
  await checkThrottle(deps, attempt);
  await recordFailure(deps, attempt);
  const respondentId = await lookUpRespondent(deps, workspace._id, input.email);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = new Date();
  const ttl = deps.settings.RESPONDENT_CODE_TTL_SECONDS;
  const doc: RespondentCodeDoc = {
    _id: randomUUID(),
    workspaceId: workspace._id,
    emailDigest: digest,
    respondentId,
    codeHash: codeHashOf(digest, code),
    attempts: 0,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttl * 1000),
    usedAt: NOT_USED,
  };
  await deps.codes.replace(doc);
  await deps.mailer.enqueueMail({
    templateId: 'respondent-code',
    locale: input.locale === 'FR' ? 'fr' : 'en',
    to: input.email,
    variables: { code, workspaceName: workspace.name, expiresInMinutes: Math.round(ttl / 60) },
  });
  return { sent: true, expiresInSeconds: ttl };
}

const codeError = (code: 'CODE_INVALID' | 'CODE_EXPIRED' | 'TOO_MANY_ATTEMPTS') =>
  new AppError(
    code,
    code === 'CODE_INVALID'
      ? 'This code is not the one we mailed, or it was already used: check the last mail, or ask for a new code.'
      : code === 'CODE_EXPIRED'
        ? 'This code has expired: ask for a new one.'
        : 'Too many wrong codes: this one no longer works. Ask for a new code.',
  );

/**
 * Checks the code and, once, returns a respondent's session: a short token (typ respondent+jwt) naming
 * the respondent and the workspace, signed with the keys every subgraph trusts. It carries no workspace
 * roles, so it passes none of the checks made for users and API clients.
 */
export async function verifyRespondentCode(deps: IdentityDeps, raw: unknown) {
  const input = parseInput(codeVerificationInput, raw);
  const digest = emailDigestOf(input.workspaceId, input.email);
  const max = deps.settings.RESPONDENT_CODE_ATTEMPTS;
  const stored = await deps.codes.findByDigest(digest);
  if (!stored || stored.usedAt.getTime() !== NOT_USED.getTime()) throw codeError('CODE_INVALID');
  if (stored.attempts >= max) throw codeError('TOO_MANY_ATTEMPTS');
  const now = new Date();
  const given = Buffer.from(codeHashOf(digest, input.code));
  if (!timingSafeEqual(given, Buffer.from(stored.codeHash))) {
    const after = await deps.codes.recordWrongCode(digest, max);
    throw codeError(!after || after.attempts >= max ? 'TOO_MANY_ATTEMPTS' : 'CODE_INVALID');
  }
  if (stored.expiresAt.getTime() <= now.getTime()) throw codeError('CODE_EXPIRED');
  if (!(await deps.codes.consume(digest, stored.codeHash, max, now))) throw codeError('CODE_INVALID');
  const respondentId = stored.respondentId ?? unknownRespondentId(digest);
  const { token, expiresAt } = await deps.keys.sign({
    subject: respondentId,
    claims: { rsp: stored.workspaceId },
    type: RESPONDENT_TOKEN_TYPE,
    ttlSeconds: deps.settings.RESPONDENT_SESSION_TTL_SECONDS,
  });
  return { accessToken: token, expiresAt: expiresAt.toISOString(), workspaceId: stored.workspaceId };
}
