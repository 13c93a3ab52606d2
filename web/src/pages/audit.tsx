import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Loading, Page } from '../components/page';
import { WORKSPACE_AUDIT } from '../graphql/audit';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The steps of a staff access grant the log records (rights' audit entry enum), in words. */
const ACTIONS: Record<string, MessageKey> = {
  ACCESS_GRANT_REQUESTED: 'audit.action.ACCESS_GRANT_REQUESTED',
  ACCESS_GRANT_APPROVED: 'audit.action.ACCESS_GRANT_APPROVED',
  ACCESS_GRANT_DENIED: 'audit.action.ACCESS_GRANT_DENIED',
  ACCESS_GRANT_REVOKED: 'audit.action.ACCESS_GRANT_REVOKED',
  BREAK_GLASS_ACCESS_OPENED: 'audit.action.BREAK_GLASS_ACCESS_OPENED',
};

const PAGE_SIZE = 50;

/** The workspace's audit trail for its ADMINs: who read or changed its personal data (ids only), and what was done on its requests. */
export function AuditPage() {
  const { workspaceId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { data, error, fetchMore, loading } = useQuery(WORKSPACE_AUDIT, { variables: { id: workspaceId, first: PAGE_SIZE } });
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const ws = data.workspace;
  const last = ws.auditLog[ws.auditLog.length - 1];
  const more = () =>
    void fetchMore({
      variables: { before: last?.at ?? null },
      updateQuery: (prev, { fetchMoreResult }) => ({ workspace: { ...prev.workspace, auditLog: [...prev.workspace.auditLog, ...fetchMoreResult.workspace.auditLog] } }),
    });
  return (
    <Page title={t('audit.title', { name: ws.name })}>
      <p>
        <Link to={`/workspaces/${ws.id}`}>{t('common.back')}</Link>
      </p>
      <p>{t('audit.intro')}</p>
      <section aria-labelledby="audit-reads">
        <h2 id="audit-reads">{t('audit.reads')}</h2>
        {ws.auditLog.length === 0 ? <p>{t('common.none')}</p> : null}
        {ws.auditLog.length ? (
          <table data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.operation')}</th>
                <th scope="col">{t('audit.fields')}</th>
                <th scope="col">{t('audit.subjects')}</th>
              </tr>
            </thead>
            <tbody>
              {ws.auditLog.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.at)}</td>
                  <td>
                    <code>{e.actorClientId ? t('audit.client', { id: e.actorClientId }) : (e.actorUserId ?? '—')}</code>
                    {e.reason ? <div className="hint">{t('audit.reason', { reason: e.reason })}</div> : null}
                    {e.accessGrant ? <div className="hint">{t('audit.grant', { id: e.accessGrant.id, reason: e.accessGrant.reason })}</div> : null}
                  </td>
                  <td>
                    {e.action ? <strong>{ACTIONS[e.action] ? t(ACTIONS[e.action]!) : e.action}</strong> : `${e.service} · ${e.operationType} ${e.operationName ?? ''}`}
                  </td>
                  <td>{e.fields.join(', ')}</td>
                  <td>
                    {e.subjectRefs.length}
                    {e.truncated ? '+' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {ws.auditLog.length >= PAGE_SIZE ? (
          <button type="button" onClick={more} disabled={loading}>
            {t('audit.more')}
          </button>
        ) : null}
      </section>
      <section aria-labelledby="audit-rights">
        <h2 id="audit-rights">{t('audit.rights')}</h2>
        {ws.rightsAudit.length === 0 ? <p>{t('common.none')}</p> : null}
        <ul data-testid="rights-audit">
          {ws.rightsAudit.map((e) => (
            <li key={e.id}>
              {formatDate(e.at)} · <strong>{e.action}</strong> · {e.subjectType} {e.requestId ? <code>{e.requestId}</code> : null}
              {e.reference ? ` · ${e.reference}` : null}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
