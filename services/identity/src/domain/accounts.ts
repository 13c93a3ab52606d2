import { acceptanceAtRegistration } from './privacy-policy.js';
import { randomUUID } from 'node:crypto';
import { conflict, notFound, parseInput, unauthenticated, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { UserDoc } from '../model/user.schema.js';
import { consumeLink, createLink, LINK_TTL_MS, MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';
import { logoutEverywhere, refuseRestricted, startSession, type AuthResult } from './sessions.js';
import { checkThrottle, loginAttempt, recordFailure, recordSuccess } from './throttle.js';

const email = z.string().trim().toLowerCase().pipe(z.email('email must be a valid email address')).refine((e) => e.length <= 254, 'email is too long');
const newPassword = z.string().min(12, 'password must have at least 12 characters').max(256, 'password is at most 256 characters');
const linkToken = z.string().min(1, 'token is required').max(200);

export const registerInput = z.object({
  firstName: z.string().trim().min(1, 'firstName is required').max(100, 'firstName is at most 100 characters'),
  email,
  password: newPassword,
});
export const loginInput = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) });
const changePasswordInput = z.object({ currentPassword: z.string().max(256), newPassword });
const resetRequestInput = z.object({ email: z.string().trim().toLowerCase().max(254) });
const resetPasswordInput = z.object({ token: linkToken, newPassword });
const emailChangeInput = z.object({ newEmail: email, password: z.string().max(256) });
const verifyEmailInput = z.object({ token: linkToken });

async function sendVerification(deps: IdentityDeps, user: Pick<UserDoc, '_id' | 'firstName'>, address: string): Promise<void> {
  const verificationUrl = await createLink(deps, { purpose: 'VERIFY_EMAIL', userId: user._id, email: address });
  await deps.mailer.enqueueMail({ templateId: 'email-verification', locale: MAIL_LOCALE, to: address, variables: { firstName: user.firstName, verificationUrl } });
}

export async function register(deps: IdentityDeps, raw: unknown): Promise<AuthResult> {
  const input = parseInput(registerInput, raw);
  const user: UserDoc = {
    _id: randomUUID(),
    firstName: input.firstName,
    email: input.email,
    passwordHash: await deps.passwords.hash(input.password),
    restricted: false,
    createdAt: new Date(),
  };
  const accepted = await acceptanceAtRegistration(deps, user.createdAt);
  if (accepted) user.policyAcceptance = accepted;
  if ((await deps.users.insert(user)) === 'duplicate') throw conflict('An account with this email already exists: log in instead.');
  await sendVerification(deps, user, user.email);
  return startSession(deps, user);
}

/**
 * Same error, same work (a decoy hash) for an unknown email and a wrong password; limits per email and
 * per client address apply to both alike.
 */
export async function login(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<AuthResult> {
  const input = parseInput(loginInput, raw);
  const attempt = loginAttempt(deps, input.email, ctx.clientAddress);
  await checkThrottle(deps, attempt);
  const user = await deps.users.findByEmail(input.email);
  const ok = await deps.passwords.verify(user?.passwordHash, input.password);
  if (!user || !ok) {
    await recordFailure(deps, attempt);
    throw unauthenticated('Wrong email or password.');
  }
  await recordSuccess(deps, attempt);
  refuseRestricted(user);
  return startSession(deps, user);
}

export async function getUser(deps: IdentityDeps, userId: string): Promise<UserDoc> {
  const user = await deps.users.findById(userId);
  if (!user) throw notFound('The user');
  return user;
}

/** The link proves the address: the one it was sent to becomes the user's verified email. */
export async function verifyEmail(deps: IdentityDeps, raw: unknown): Promise<UserDoc> {
  const link = await consumeLink(deps, 'VERIFY_EMAIL', parseInput(verifyEmailInput, raw).token);
  const user = await getUser(deps, link.userId!);
  const address = link.email ?? user.email;
  if (address === user.email) {
    await deps.users.markEmailVerified(user._id, address, new Date());
  } else if ((await deps.users.changeEmail(user._id, address, new Date())) === 'duplicate') {
    throw conflict('Another account now uses this address: choose another one.');
  }
  return getUser(deps, user._id);
}

async function checkPassword(deps: IdentityDeps, user: UserDoc, password: string): Promise<void> {
  if (!(await deps.passwords.verify(user.passwordHash, password))) throw unauthenticated('Wrong password.');
}

/** The address changes only when the link mailed to the new address is opened. */
export async function requestEmailChange(deps: IdentityDeps, userId: string, raw: unknown): Promise<boolean> {
  const input = parseInput(emailChangeInput, raw);
  const user = await getUser(deps, userId);
  await checkPassword(deps, user, input.password);
  await sendVerification(deps, user, input.newEmail);
  return true;
}

/** Every other session ends; the caller gets a new one. */
export async function changePassword(deps: IdentityDeps, userId: string, raw: unknown): Promise<AuthResult> {
  const input = parseInput(changePasswordInput, raw);
  const user = await getUser(deps, userId);
  await checkPassword(deps, user, input.currentPassword);
  await deps.users.setPasswordHash(user._id, await deps.passwords.hash(input.newPassword));
  await logoutEverywhere(deps, user._id, 'PASSWORD_CHANGED');
  return startSession(deps, user);
}

/** Always true, mail or not: the answer never tells whether an account uses the address. */
export async function requestPasswordReset(deps: IdentityDeps, raw: unknown): Promise<boolean> {
  const input = parseInput(resetRequestInput, raw);
  const user = await deps.users.findByEmail(input.email);
  if (!user) return true;
  await deps.accountTokens.retireOf(user._id, 'RESET_PASSWORD');
  const resetUrl = await createLink(deps, { purpose: 'RESET_PASSWORD', userId: user._id });
  await deps.mailer.enqueueMail({
    templateId: 'password-reset',
    locale: MAIL_LOCALE,
    to: user.email,
    variables: { firstName: user.firstName, resetUrl, expiresInMinutes: LINK_TTL_MS.RESET_PASSWORD / 60_000 },
  });
  return true;
}

/** Single use; every session of the account ends (whoever knew the old password is out). */
export async function resetPassword(deps: IdentityDeps, raw: unknown): Promise<boolean> {
  const input = parseInput(resetPasswordInput, raw);
  const link = await consumeLink(deps, 'RESET_PASSWORD', input.token);
  const user = await getUser(deps, link.userId!);
  await deps.users.setPasswordHash(user._id, await deps.passwords.hash(input.newPassword));
  // Opening the mailed link also proves the address.
  await deps.users.markEmailVerified(user._id, user.email, new Date());
  await logoutEverywhere(deps, user._id, 'PASSWORD_CHANGED');
  return true;
}
