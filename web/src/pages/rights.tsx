import { useState, type FormEvent } from 'react';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { LIFT_RESTRICTION, REQUEST_ERASURE, REQUEST_RESTRICTION, RESPONDENT, WORKSPACE_RIGHTS, type RightsRequestSummary } from '../graphql/rights';
import { useI18n } from '../i18n/i18n';
import { ConsentList } from './consents';

/** The ADMIN's queue of requests about the workspace's respondents, and opening a new one. */
export function RightsPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useQuery(WORKSPACE_RIGHTS, { variables: { id: workspaceId } });
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  return (
    <Page title={t('rights.title')}>
      <p>
        <Link to={`/workspaces/${workspaceId}`}>{data.workspace.name}</Link>
      </p>
      <FindRespondent workspaceId={workspaceId} />
      <section aria-labelledby="queue">
        <h2 id="queue">{t('rights.queue')}</h2>
        <RequestTable requests={data.workspace.rightsRequests} link={(id) => `/workspaces/${workspaceId}/rights/${id}`} />
      </section>
    </Page>
  );
}

export function RequestTable({ requests, link }: { requests: RightsRequestSummary[]; link: (id: string) => string }) {
  const { t, formatDate } = useI18n();
  if (requests.length === 0) return <p>{t('common.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('rights.kind')}</th>
          <th scope="col">{t('rights.status')}</th>
          <th scope="col">{t('rights.requestedAt')}</th>
          <th scope="col">{t('rights.dueAt')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('rights.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>{t(`kind.${r.kind}`)}</td>
            <td>{t(`status.${r.status}`)}</td>
            <td>{formatDate(r.requestedAt)}</td>
            <td>{formatDate(r.dueAt)}</td>
            <td>
              <Link to={link(r.id)}>
                {t('rights.open')} <span className="visually-hidden">{t(`kind.${r.kind}`)}</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FindRespondent({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [externalId, setExternalId] = useState('');
  const [find, found] = useLazyQuery(RESPONDENT, { fetchPolicy: 'network-only' });
  const [erase, erasing] = useMutation(REQUEST_ERASURE);
  const [restrict, restricting] = useMutation(REQUEST_RESTRICTION);
  const [lift, lifting] = useMutation(LIFT_RESTRICTION);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await find({ variables: { workspaceId, externalId } });
  };
  const respondent = found.data?.respondent;
  const open = async (mutate: typeof erase | typeof restrict | typeof lift) => {
    if (!respondent) return;
    const result = await mutate({ variables: { input: { workspaceId, respondentId: respondent.id } } }).catch(() => undefined);
    const data = result?.data as Record<string, { id: string }> | undefined;
    const created = data && Object.values(data)[0];
    if (created) void navigate(`/workspaces/${workspaceId}/rights/${created.id}`);
  };
  return (
    <section aria-labelledby="find" className="card">
      <h2 id="find">{t('rights.find')}</h2>
      <form onSubmit={(e) => void submit(e)} className="inline">
        <Field label={t('rights.externalId')} required value={externalId} onChange={(e) => setExternalId(e.target.value)} />
        <button type="submit" disabled={found.loading}>
          {t('rights.search')}
        </button>
      </form>
      <ErrorMessage error={found.error} />
      {found.called && found.data && !respondent ? <p role="status">{t('rights.notFound')}</p> : null}
      {respondent ? (
        <div aria-labelledby="respondent">
          <h3 id="respondent">{t('rights.respondent', { externalId: respondent.externalId })}</h3>
          <dl className="counts">
            <div>
              <dt>{t('rights.responseCount')}</dt>
              <dd>{respondent.responseCount}</dd>
            </div>
            <div>
              <dt>{t('rights.restricted')}</dt>
              <dd>{respondent.restricted ? t('common.yes') : t('common.no')}</dd>
            </div>
          </dl>
          <div className="actions">
            <button type="button" className="danger" disabled={erasing.loading} onClick={() => void open(erase)}>
              {t('rights.erase')}
            </button>
            {respondent.restricted ? (
              <button type="button" disabled={lifting.loading} onClick={() => void open(lift)}>
                {t('rights.lift')}
              </button>
            ) : (
              <button type="button" disabled={restricting.loading} onClick={() => void open(restrict)}>
                {t('rights.restrict')}
              </button>
            )}
          </div>
          <ErrorMessage error={erasing.error ?? restricting.error ?? lifting.error} />
          <h4>{t('consents.title')}</h4>
          <ConsentList
            consents={respondent.consents}
            record={{ workspaceId, subjectType: 'RESPONDENT', subjectId: respondent.id }}
            onChange={() => void found.refetch()}
          />
        </div>
      ) : null}
    </section>
  );
}
