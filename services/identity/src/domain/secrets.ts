import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens, emailed links, API client secrets. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** What is stored instead of a secret. The secrets are random, so a fast hash is enough (no Argon2 needed). */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
