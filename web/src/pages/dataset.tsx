import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { ADD_RESPONSES, DATASET } from '../graphql/datasets';
import { GENERATE_REPORT } from '../graphql/reports';
import { useI18n } from '../i18n/i18n';
import { ImportPanel } from './import-panel';

export function DatasetPage() {
  const { workspaceId = '', datasetId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const { data, error, refetch, startPolling, stopPolling } = useQuery(DATASET, { variables: { id: datasetId } });
  const [generate, generating] = useMutation(GENERATE_REPORT);
  const dataset = data?.dataset;
  // Anonymization, then reporting's corpus, run behind the broker: follow both until they caught up.
  // (Respondents who objected stay out of analyzableCount, so that lag can last: polled at a slow pace.)
  const pending = dataset
    ? dataset.responses.some((r) => r.pipelineState === 'FORWARDED' && !r.anonymization) ||
      dataset.anonymizedCount < dataset.responseCount ||
      dataset.analyzableCount < dataset.anonymizedCount
    : false;
  useEffect(() => {
    if (!pending) return;
    startPolling(1500);
    return () => stopPolling();
  }, [pending, startPolling, stopPolling]);
  if (!dataset) return error ? <ErrorMessage error={error} /> : <Loading />;

  const generateReport = async () => {
    const result = await generate({ variables: { input: { datasetId } } }).catch(() => undefined);
    if (result?.data) void navigate(`/workspaces/${workspaceId}/reports/${result.data.generateReport.id}`);
  };
  return (
    <Page title={t('dataset.title', { name: dataset.name })}>
      <p>
        <Link to={`/workspaces/${workspaceId}`}>{t('common.back')}</Link>
      </p>
      <section aria-labelledby="counts">
        <h2 id="counts">{t('dataset.counts')}</h2>
        <dl className="counts" aria-live="polite">
          <div>
            <dt>{t('dataset.stored')}</dt>
            <dd data-testid="response-count">{dataset.responseCount}</dd>
          </div>
          <div>
            <dt>{t('dataset.anonymized')}</dt>
            <dd data-testid="anonymized-count">{dataset.anonymizedCount}</dd>
          </div>
          <div>
            <dt>{t('dataset.analyzable')}</dt>
            <dd data-testid="analyzable-count">{dataset.analyzableCount}</dd>
          </div>
        </dl>
      </section>
      <div className="columns">
        <ImportPanel datasetId={datasetId} onDone={() => void refetch()} />
        <AddResponse datasetId={datasetId} onDone={() => void refetch()} />
      </div>
      <section aria-labelledby="reports">
        <h2 id="reports">{t('dataset.reports')}</h2>
        {dataset.analyzableCount === 0 ? <p>{t('dataset.generateWait')}</p> : null}
        <button type="button" disabled={dataset.analyzableCount === 0 || generating.loading} onClick={() => void generateReport()}>
          {t('dataset.generate')}
        </button>
        <ErrorMessage error={generating.error} />
        <ul>
          {dataset.reports.map((r) => (
            <li key={r.id}>
              <Link to={`/workspaces/${workspaceId}/reports/${r.id}`}>{t('report.title', { date: formatDate(r.createdAt) })}</Link> ·{' '}
              {t(`report.visibility.${r.visibility}`)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="responses">
        <h2 id="responses">{t('dataset.responsesList')}</h2>
        {dataset.responses.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dataset.respondent')}</th>
                <th scope="col">{t('dataset.submittedAt')}</th>
                <th scope="col">{t('dataset.state')}</th>
                <th scope="col">{t('dataset.entities')}</th>
              </tr>
            </thead>
            <tbody>
              {dataset.responses.map((r) => (
                <tr key={r.id}>
                  <td>{r.respondent.externalId}</td>
                  <td>{formatDate(r.submittedAt)}</td>
                  <td>{t(`state.${r.pipelineState}`)}</td>
                  <td>{r.anonymization ? r.anonymization.entities.map((e) => `${e.type} × ${e.count}`).join(', ') || '—' : '…'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}

function AddResponse({ datasetId, onDone }: { datasetId: string; onDone: () => void }) {
  const { t } = useI18n();
  const empty = { externalId: '', text: '', consentRef: '', email: '' };
  const [form, setForm] = useState(empty);
  const [added, setAdded] = useState(false);
  const [add, { loading, error }] = useMutation(ADD_RESPONSES);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const { email, ...rest } = form;
    const result = await add({ variables: { input: { datasetId, responses: [{ ...rest, ...(email ? { email } : {}) }] } } }).catch(() => undefined);
    if (!result?.data) return;
    setForm(empty);
    setAdded(true);
    onDone();
  };
  return (
    <section aria-labelledby="add-response" className="card">
      <h2 id="add-response">{t('dataset.addResponse')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('dataset.externalId')} required maxLength={200} value={form.externalId} onChange={(e) => setForm({ ...form, externalId: e.target.value })} />
        <Field label={t('dataset.text')} multiline required maxLength={20000} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        <Field label={t('dataset.consentRef')} required maxLength={200} value={form.consentRef} onChange={(e) => setForm({ ...form, consentRef: e.target.value })} />
        <Field label={t('dataset.customerEmail')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <ErrorMessage error={error} />
        <button type="submit" disabled={loading}>
          {t('common.add')}
        </button>
        {added ? <p role="status">{t('dataset.added')}</p> : null}
      </form>
    </section>
  );
}
