import { parseArgs } from 'node:util';
import { PLATFORM_ROLES, connectMongo, createLogger, type PlatformRole } from '@verbatim/kit';
import { createUserRepository } from '../model/user.repository.js';

/**
 * `pnpm --silent staff:role <email> <SUPPORT|DPO|PLATFORM_ADMIN> [--remove]`: grants (or removes) a platform
 * staff role on an existing account, straight in identity's database. It is how the first PLATFORM_ADMIN and
 * DPO of a deployment exist (nobody in the graph may grant the first one). The role is in the user's tokens
 * from their next sign-in or refresh. Database: IDENTITY_MONGO_URL (default the dev stack's identity database).
 */
const usage = `usage: staff:role <email> <${PLATFORM_ROLES.join('|')}> [--remove]`;

function fail(message: string, code = 2): never {
  process.stderr.write(`staff:role: ${message}\n${usage}\n`);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ options: { remove: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (err) {
    return fail((err as Error).message);
  }
})();
const [email, role] = positionals;
if (!email || !role || positionals.length !== 2) fail('give an email and a role');
if (!(PLATFORM_ROLES as readonly string[]).includes(role)) fail(`"${role}" is not a platform role`);

const conn = await connectMongo(process.env['IDENTITY_MONGO_URL'] ?? 'mongodb://127.0.0.1:27017/verbatim_identity', createLogger('staff-role', 'silent'));
try {
  const users = createUserRepository(conn);
  const user = await users.findByEmail(email.trim().toLowerCase());
  if (!user) fail(`no account uses ${email}`, 1);
  const changed = await users.setPlatformRole(user._id, role as PlatformRole, !values.remove);
  process.stdout.write(`${values.remove ? 'removed' : 'granted'} ${role} ${changed ? '' : '(unchanged) '}for user ${user._id}\n`);
} finally {
  await conn.close();
}
