import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { BarChart } from '../components/bar-chart';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { REPORT, SHARE_REPORT, UNSHARE_REPORT } from '../graphql/reports';
import { useI18n } from '../i18n/i18n';

export function ReportPage() {
  const { workspaceId = '', reportId = '' } = useParams();
  const { t, formatDate, language } = useI18n();
  const { data, error } = useQuery(REPORT, { variables: { id: reportId } });
  const [message, setMessage] = useState('');
  const [share, sharing] = useMutation(SHARE_REPORT);
  const [unshare, unsharing] = useMutation(UNSHARE_REPORT);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const report = data.report;
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(language, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

  const submitShare = async (event: FormEvent) => {
    event.preventDefault();
    await share({ variables: { input: { reportId, ...(message ? { message } : {}) } } }).catch(() => undefined);
  };
  return (
    <Page title={t('report.title', { date: formatDate(report.createdAt) })}>
      <p>
        <Link to={`/workspaces/${workspaceId}/datasets/${report.datasetId}`}>{t('common.back')}</Link>
      </p>
      <p>
        <span className="badge" data-testid="visibility">
          {t(`report.visibility.${report.visibility}`)}
        </span>{' '}
        {t('report.responses', { count: report.responseCount })}
      </p>
      <section aria-labelledby="summary">
        <h2 id="summary">{t('report.summary')}</h2>
        <p lang="en">{report.summary}</p>
        <p>
          {t('report.sentiment')}: <strong>{t('report.sentimentValue', { value: signed.format(report.sentiment) })}</strong>
        </p>
      </section>
      <section aria-labelledby="themes">
        <h2 id="themes">{t('report.themes')}</h2>
        <div className="columns">
          <figure>
            <figcaption>{t('report.themeShares')}</figcaption>
            <BarChart testId="theme-shares" bars={report.themes.map((th) => ({ label: th.label, value: th.share, display: percent.format(th.share) }))} />
          </figure>
          <figure>
            <figcaption>{t('report.themeSentiment')}</figcaption>
            <BarChart
              testId="theme-sentiment"
              min={-1}
              max={1}
              bars={report.themes.map((th) => ({ label: th.label, value: th.sentiment, display: signed.format(th.sentiment) }))}
            />
          </figure>
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('report.theme')}</th>
              <th scope="col">{t('report.count')}</th>
              <th scope="col">{t('report.share')}</th>
              <th scope="col">{t('report.sentiment')}</th>
              <th scope="col">{t('report.quotes')}</th>
            </tr>
          </thead>
          <tbody>
            {report.themes.map((th) => (
              <tr key={th.label}>
                <th scope="row">{th.label}</th>
                <td>{th.count}</td>
                <td>{percent.format(th.share)}</td>
                <td>{signed.format(th.sentiment)}</td>
                <td>
                  {th.quotes.slice(0, 2).map((q, i) => (
                    <blockquote key={i}>{q}</blockquote>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {report.topTerms.length ? (
        <section aria-labelledby="terms">
          <h2 id="terms">{t('report.terms')}</h2>
          <p>{report.topTerms.map((term) => `${term.term} (${term.count})`).join(' · ')}</p>
        </section>
      ) : null}
      {report.notes.length ? (
        <section aria-labelledby="notes">
          <h2 id="notes">{t('report.notes')}</h2>
          <ul lang="en">
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="sharing" className="card narrow">
        <h2 id="sharing">{t(`report.visibility.${report.visibility}`)}</h2>
        {report.visibility === 'WORKSPACE' ? (
          <>
            <p role="status">
              {t('report.sharedOn', { date: formatDate(report.sharedAt ?? report.createdAt) })} {report.shareMessage}
            </p>
            <button type="button" disabled={unsharing.loading} onClick={() => void unshare({ variables: { reportId } }).catch(() => undefined)}>
              {t('report.unshare')}
            </button>
          </>
        ) : (
          <form onSubmit={(e) => void submitShare(e)}>
            <Field label={t('report.share.message')} multiline maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
            <button type="submit" disabled={sharing.loading}>
              {t('report.share.submit')}
            </button>
          </form>
        )}
        <ErrorMessage error={sharing.error ?? unsharing.error} />
      </section>
    </Page>
  );
}
