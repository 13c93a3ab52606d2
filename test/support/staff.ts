import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { PlatformRole } from '@verbatim/kit';
import { ok } from './graph.js';

export interface StaffMember {
  userId: string;
  email: string;
  /** An access token carrying the roles (`pr` claim). */
  token: string;
  refreshToken: string;
}

/**
 * A platform staff account: registered through the gateway, given its roles in identity's database the way
 * `pnpm staff:role` does (nobody in the graph can grant the first staff role), then signed in.
 */
export async function createStaff(label: string, roles: PlatformRole[]): Promise<StaffMember> {
  const email = `${label}-${randomBytes(4).toString('hex')}@staff.example`;
  const password = 'a long enough passphrase';
  const reg = await ok<{ register: { user: { id: string } } }>(
    `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`,
    { input: { firstName: label, email, password } },
  );
  const conn = await mongoose.createConnection(process.env['TEST_MONGO_URL_IDENTITY']!).asPromise();
  try {
    await conn.collection('users').updateOne({ _id: reg.register.user.id as never }, { $set: { platformRoles: roles } });
  } finally {
    await conn.close();
  }
  const login = await ok<{ login: { accessToken: string; refreshToken: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
    { input: { email, password } },
  );
  return { userId: reg.register.user.id, email, token: login.login.accessToken, refreshToken: login.login.refreshToken };
}
