import type { SubjectRequestReceived } from '@verbatim/contracts';
import type { Logger } from '@verbatim/kit';
import { MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';

/**
 * A respondent asked themself on the workspace's public page: every ADMIN of the workspace is mailed
 * (the deadline runs from now). A redelivered event is absorbed by the kit's processed-event store.
 */
export async function tellAdminsOfSubjectRequest(deps: IdentityDeps, log: Logger, event: SubjectRequestReceived): Promise<void> {
  const workspace = await deps.workspaces.findById(event.workspaceId);
  if (!workspace) {
    log.warn({ requestId: event.requestId, workspaceId: event.workspaceId }, 'subject request for an unknown workspace: no one to tell');
    return;
  }
  const admins = await deps.users.findByIds(workspace.members.filter((m) => m.role === 'ADMIN').map((m) => m.userId));
  const requestsUrl = `${deps.settings.WEB_APP_URL.replace(/\/$/, '')}/#/workspaces/${workspace._id}/rights/${event.requestId}`;
  for (const admin of admins) {
    await deps.mailer.enqueueMail({
      templateId: 'rights-request-received',
      locale: MAIL_LOCALE,
      to: admin.email,
      variables: { requestId: event.requestId, kind: event.kind, workspaceName: workspace.name, requestsUrl },
    });
  }
  log.info({ requestId: event.requestId, workspaceId: workspace._id, admins: admins.length }, 'workspace admins told of a respondent request');
}
