import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { CREATE_DATASET } from '../graphql/datasets';
import { ADD_MEMBER, WORKSPACE, type Role } from '../graphql/identity';
import { useI18n } from '../i18n/i18n';

export function WorkspacePage() {
  const { workspaceId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { data, error } = useQuery(WORKSPACE, { variables: { id: workspaceId } });
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const ws = data.workspace;
  const admin = ws.myRole === 'ADMIN';
  return (
    <Page title={ws.name}>
      <p>
        <span className="badge">{t(`role.${ws.myRole}`)}</span>
      </p>
      {admin ? (
        <nav aria-label={t('workspace.tools')} className="tools">
          <Link to={`/workspaces/${ws.id}/rights`}>{t('workspace.rights')}</Link>
          <Link to={`/workspaces/${ws.id}/preview`}>{t('workspace.preview')}</Link>
          <Link to={`/workspaces/${ws.id}/audit`}>{t('workspace.audit')}</Link>
          <Link to={`/workspaces/${ws.id}/api-clients`}>{t('workspace.apiClients')}</Link>
          <Link to={`/workspaces/${ws.id}/access`}>{t('workspace.staffAccess')}</Link>
        </nav>
      ) : null}
      {admin ? <PublicPageLink workspaceId={ws.id} /> : null}
      <div className="columns">
        <section aria-labelledby="datasets">
          <h2 id="datasets">{t('workspace.datasets')}</h2>
          {ws.datasets.length === 0 ? <p>{t('common.none')}</p> : null}
          <ul className="cards">
            {ws.datasets.map((d) => (
              <li key={d.id} className="card">
                <Link to={`/workspaces/${ws.id}/datasets/${d.id}`}>{d.name}</Link> · {t('workspace.responses', { count: d.responseCount })}
              </li>
            ))}
          </ul>
          <NewDataset workspaceId={ws.id} />
          <h2>{t('workspace.sharedReports')}</h2>
          {ws.sharedReports.length === 0 ? <p>{t('common.none')}</p> : null}
          <ul>
            {ws.sharedReports.map((r) => (
              <li key={r.id}>
                <Link to={`/workspaces/${ws.id}/reports/${r.id}`}>{t('report.title', { date: formatDate(r.createdAt) })}</Link>
                {r.shareMessage ? ` · ${r.shareMessage}` : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="members">
          <h2 id="members">{t('workspace.members')}</h2>
          <ul>
            {ws.members.map((m) => (
              <li key={m.userId}>
                {m.firstName} <span className="badge">{t(`role.${m.role}`)}</span>
              </li>
            ))}
          </ul>
          {admin ? <AddMember workspaceId={ws.id} /> : null}
          <h2 id="shared-interests">{t('workspace.sharedInterests')}</h2>
          {ws.sharedInterests.length === 0 ? <p>{t('common.none')}</p> : null}
          <ul aria-labelledby="shared-interests" data-testid="shared-interests">
            {ws.sharedInterests.map((i) => (
              <li key={i.id}>
                <strong>{i.theme}</strong> · {t('workspace.sharedBy', { name: i.sharedBy })}
                {i.note ? ` · ${i.note}` : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Page>
  );
}

function NewDataset({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [create, { loading, error }] = useMutation(CREATE_DATASET);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { workspaceId, name } } }).catch(() => undefined);
    if (result?.data) void navigate(`/workspaces/${workspaceId}/datasets/${result.data.createDataset.id}`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="new-dataset">
      <h3 id="new-dataset">{t('workspace.newDataset')}</h3>
      <Field label={t('workspace.datasetName')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('common.create')}
      </button>
    </form>
  );
}

function AddMember({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [add, { loading, error }] = useMutation(ADD_MEMBER);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add({ variables: { input: { workspaceId, email, role } } }).catch(() => undefined);
    if (result?.data) setEmail('');
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="add-member">
      <h3 id="add-member">{t('workspace.addMember')}</h3>
      <Field label={t('workspace.memberEmail')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <div className="field">
        <label htmlFor="member-role">{t('workspace.memberRole')}</label>
        <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="MEMBER">{t('role.MEMBER')}</option>
          <option value="ADMIN">{t('role.ADMIN')}</option>
        </select>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('common.add')}
      </button>
    </form>
  );
}

/** The ADMIN's link to the workspace's public privacy page, to give to its customers. */
function PublicPageLink({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const path = `/privacy/${workspaceId}`;
  const url = `${window.location.origin}${window.location.pathname}#${path}`;
  return (
    <section aria-labelledby="public-page" className="card">
      <h2 id="public-page">{t('workspace.publicPage')}</h2>
      <p>{t('workspace.publicPageHelp')}</p>
      <p>
        <Link to={path} data-testid="public-page-link">
          {url}
        </Link>
      </p>
    </section>
  );
}
