import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { CREATE_WORKSPACE, MY_WORKSPACES } from '../graphql/identity';
import { useI18n } from '../i18n/i18n';
import { session } from '../session/session';

export function WorkspacesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error } = useQuery(MY_WORKSPACES);
  const [create, created] = useMutation(CREATE_WORKSPACE);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { name } } }).catch(() => undefined);
    if (!result?.data) return;
    // The token lists the caller's workspaces: the new one is only reachable with the new token.
    session.replaceToken(result.data.createWorkspace.accessToken);
    void navigate(`/workspaces/${result.data.createWorkspace.workspace.id}`);
  };
  return (
    <Page title={t('workspaces.title')}>
      <ErrorMessage error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <p>{t('workspaces.hello', { firstName: data.me.firstName })}</p>
          {data.me.memberships.length === 0 ? <p>{t('workspaces.empty')}</p> : null}
          <ul className="cards">
            {data.me.memberships.map((m) => (
              <li key={m.workspace.id} className="card">
                <Link to={`/workspaces/${m.workspace.id}`}>{m.workspace.name}</Link> <span className="badge">{t(`role.${m.role}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <section aria-labelledby="new-workspace" className="card narrow">
        <h2 id="new-workspace">{t('workspaces.new')}</h2>
        <form onSubmit={(e) => void submit(e)}>
          <Field label={t('workspaces.name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <ErrorMessage error={created.error} />
          <button type="submit" disabled={created.loading}>
            {t('common.create')}
          </button>
        </form>
      </section>
    </Page>
  );
}
