import type { AccessGrantDoc } from '../model/access-grant.schema.js';
import type { WorkspaceDoc } from '../model/workspace.schema.js';
import { MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';

/**
 * Mails every DPO and every ADMIN of the workspace that staff opened break-glass access: ids, the end and the
 * reason only. A security notice the controller must get, so objections and restrictions do not withhold it.
 */
export async function notifyBreakGlass(deps: IdentityDeps, grant: AccessGrantDoc, workspace: WorkspaceDoc): Promise<number> {
  const adminIds = workspace.members.filter((m) => m.role === 'ADMIN').map((m) => m.userId);
  const recipients = new Map<string, string>();
  for (const user of [...(await deps.users.findByPlatformRole('DPO')), ...(await deps.users.findByIds(adminIds))]) recipients.set(user._id, user.email);
  const variables = { grantId: grant._id, workspaceId: grant.workspaceId, staffUserId: grant.staffUserId, reason: grant.reason, endsAt: grant.endsAt!.toISOString() };
  for (const to of recipients.values()) await deps.mailer.enqueueMail({ templateId: 'break-glass-access', locale: MAIL_LOCALE, to, variables });
  return recipients.size;
}
