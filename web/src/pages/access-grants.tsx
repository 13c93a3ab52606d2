import { useMutation, useQuery, type TypedDocumentNode } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Loading, Page } from '../components/page';
import { APPROVE_ACCESS_GRANT, DENY_ACCESS_GRANT, REVOKE_ACCESS_GRANT, WORKSPACE_ACCESS_GRANTS, type AccessGrant } from '../graphql/access-grants';
import { useI18n } from '../i18n/i18n';

/** The ADMIN's view of platform staff's access to the workspace: approve or deny requests, revoke open grants. */
export function AccessGrantsPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useQuery(WORKSPACE_ACCESS_GRANTS, { variables: { id: workspaceId }, fetchPolicy: 'cache-and-network' });
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const grants = data.workspaceAccessGrants;
  return (
    <Page title={t('grants.title')}>
      <p>
        <Link to={`/workspaces/${workspaceId}`}>{data.workspace.name}</Link>
      </p>
      <p>{t('grants.intro')}</p>
      {grants.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul className="stack">
        {grants.map((g) => (
          <GrantCard key={g.id} workspaceId={workspaceId} grant={g} />
        ))}
      </ul>
    </Page>
  );
}

function GrantCard({ workspaceId, grant }: { workspaceId: string; grant: AccessGrant }) {
  const { t, formatDate } = useI18n();
  const headingId = `grant-${grant.id}`;
  return (
    <li className="card" aria-labelledby={headingId} data-testid="access-grant" data-status={grant.status}>
      <h2 id={headingId}>
        {t('grants.staff', { id: grant.staffUserId })} <span className="badge">{t(`grantStatus.${grant.status}`)}</span>
        {grant.breakGlass ? <span className="badge">{t('grants.breakGlass')}</span> : null}
      </h2>
      <p>
        <strong>{t('grants.reason')}</strong> {grant.reason}
      </p>
      <p>
        {t('grants.requestedAt', { date: formatDate(grant.requestedAt) })} · {t('grants.duration', { minutes: grant.durationMinutes })}
        {grant.endsAt ? ` · ${t('grants.endsAt', { date: formatDate(grant.endsAt) })}` : null}
      </p>
      <div className="tools">
        {grant.status === 'PENDING' ? (
          <>
            <DecisionButton document={APPROVE_ACCESS_GRANT} workspaceId={workspaceId} grantId={grant.id} label={t('grants.approve')} />
            <DecisionButton document={DENY_ACCESS_GRANT} workspaceId={workspaceId} grantId={grant.id} label={t('grants.deny')} />
          </>
        ) : null}
        {grant.status === 'ACTIVE' ? (
          <DecisionButton document={REVOKE_ACCESS_GRANT} workspaceId={workspaceId} grantId={grant.id} label={t('grants.revoke')} />
        ) : null}
      </div>
    </li>
  );
}

type DecisionDocument = TypedDocumentNode<object, { input: { workspaceId: string; grantId: string } }>;

function DecisionButton({ document, workspaceId, grantId, label }: { document: DecisionDocument; workspaceId: string; grantId: string; label: string }) {
  // The list is read again after each decision, so the card shows the grant's new state and buttons.
  const [decide, { loading, error }] = useMutation(document, { refetchQueries: [WORKSPACE_ACCESS_GRANTS], awaitRefetchQueries: true });
  return (
    <>
      <button type="button" disabled={loading} onClick={() => void decide({ variables: { input: { workspaceId, grantId } } }).catch(() => undefined)}>
        {label}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
