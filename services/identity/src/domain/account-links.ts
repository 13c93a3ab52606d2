import { AppError, type MailLocale } from '@verbatim/kit';
import type { AccountTokenDoc, AccountTokenPurpose } from '../model/account-token.repository.js';
import type { IdentityDeps } from './deps.js';
import { newSecret, secretHash } from './secrets.js';

/** How long each kind of emailed link works. */
export const LINK_TTL_MS: Record<AccountTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 3_600_000,
  RESET_PASSWORD: 30 * 60_000,
  INVITATION: 7 * 24 * 3_600_000,
};

/** The web app page each link opens; the secret is in the fragment, which browsers never send to a server. */
const PAGES: Record<AccountTokenPurpose, string> = { VERIFY_EMAIL: 'verify-email', RESET_PASSWORD: 'reset-password', INVITATION: 'invitation' };

/** Mails are in English until users choose a language. */
export const MAIL_LOCALE: MailLocale = 'en';

/** Stores a single-use link (its hash) and returns the URL to mail. */
export async function createLink(deps: IdentityDeps, doc: Omit<AccountTokenDoc, '_id' | 'createdAt' | 'expiresAt' | 'used'>): Promise<string> {
  const secret = newSecret();
  const now = new Date();
  await deps.accountTokens.insert({ ...doc, _id: secretHash(secret), createdAt: now, expiresAt: new Date(now.getTime() + LINK_TTL_MS[doc.purpose]), used: false });
  return `${deps.settings.WEB_APP_URL.replace(/\/$/, '')}/${PAGES[doc.purpose]}#token=${secret}`;
}

export const invalidLink = () => new AppError('LINK_INVALID', 'This link is not valid: it expired or was already used. Ask for a new one.');

/** Reads a link without using it up (to check who may use it first). */
export async function readLink(deps: IdentityDeps, purpose: AccountTokenPurpose, secret: string): Promise<AccountTokenDoc> {
  const doc = await deps.accountTokens.findById(secretHash(secret));
  if (!doc || doc.purpose !== purpose || doc.used || doc.expiresAt < new Date()) throw invalidLink();
  return doc;
}

/** Uses the link up; of two concurrent uses one wins and the other gets LINK_INVALID. */
export async function consumeLink(deps: IdentityDeps, purpose: AccountTokenPurpose, secret: string): Promise<AccountTokenDoc> {
  const doc = await readLink(deps, purpose, secret);
  if (!(await deps.accountTokens.consume(doc._id, purpose, new Date()))) throw invalidLink();
  return doc;
}
