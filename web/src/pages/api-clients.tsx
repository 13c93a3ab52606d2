import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { API_SCOPES, CREATE_API_CLIENT, REVOKE_API_CLIENT, WORKSPACE_API_CLIENTS, type ApiScope } from '../graphql/api-clients';
import { useI18n } from '../i18n/i18n';

/** The workspace's partner API clients (ADMIN only): create one with its scopes, see its secret once, revoke it. */
export function ApiClientsPage() {
  const { workspaceId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { data, error } = useQuery(WORKSPACE_API_CLIENTS, { variables: { id: workspaceId } });
  const [revoke, revoking] = useMutation(REVOKE_API_CLIENT);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const ws = data.workspace;
  return (
    <Page title={t('apiClients.title', { name: ws.name })}>
      <p>
        <Link to={`/workspaces/${ws.id}`}>{t('common.back')}</Link>
      </p>
      <p>{t('apiClients.intro')}</p>
      {ws.apiClients.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul className="cards" data-testid="api-clients">
        {ws.apiClients.map((c) => (
          <li key={c.id} className="card" data-testid={`api-client-${c.name}`}>
            <strong>{c.name}</strong> <code>{c.id}</code> · {c.scopes.join(', ')} · {formatDate(c.createdAt)}{' '}
            {c.revoked ? (
              <span className="badge" data-testid="revoked">
                {t('apiClients.revoked')}
              </span>
            ) : (
              <button type="button" disabled={revoking.loading} onClick={() => void revoke({ variables: { input: { workspaceId: ws.id, clientId: c.id } } }).catch(() => undefined)}>
                {t('apiClients.revoke', { name: c.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage error={revoking.error} />
      <NewApiClient workspaceId={ws.id} />
    </Page>
  );
}

function NewApiClient({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [create, { data, loading, error }] = useMutation(CREATE_API_CLIENT, { refetchQueries: [WORKSPACE_API_CLIENTS] });
  const toggle = (scope: ApiScope) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { workspaceId, name, scopes } } }).catch(() => undefined);
    if (result?.data) {
      setName('');
      setScopes([]);
    }
  };
  const created = data?.createApiClient;
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="new-api-client">
      <h2 id="new-api-client">{t('apiClients.new')}</h2>
      <Field label={t('apiClients.name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      <fieldset>
        <legend>{t('apiClients.scopes')}</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="check">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scope}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('common.create')}
      </button>
      {created ? (
        <div role="status" className="secret">
          <p>{t('apiClients.secretOnce', { name: created.client.name })}</p>
          <p>
            {t('apiClients.clientId')} <code data-testid="client-id">{created.client.id}</code>
          </p>
          <p>
            {t('apiClients.secret')} <code data-testid="client-secret">{created.clientSecret}</code>
          </p>
        </div>
      ) : null}
    </form>
  );
}
