import { useEffect } from 'react';
import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Loading, Page } from '../components/page';
import { RIGHTS_REQUEST } from '../graphql/rights';
import { useI18n } from '../i18n/i18n';

/** One request, followed holder by holder until every one has acknowledged. */
export function RightsRequestPage({ backTo }: { backTo: (params: Record<string, string | undefined>) => string }) {
  const params = useParams();
  const { t, formatDate } = useI18n();
  const { data, error, startPolling, stopPolling } = useQuery(RIGHTS_REQUEST, { variables: { id: params['requestId'] ?? '' } });
  const request = data?.rightsRequest;
  const inProgress = request?.status !== 'COMPLETED';
  useEffect(() => {
    if (!inProgress) return;
    startPolling(1000);
    return () => stopPolling();
  }, [inProgress, startPolling, stopPolling]);
  if (!request) return error ? <ErrorMessage error={error} /> : <Loading />;
  const acknowledged = new Map(request.acknowledgements.map((a) => [a.service, a]));
  return (
    <Page title={t('request.title', { kind: t(`kind.${request.kind}`) })}>
      <p>
        <Link to={backTo(params)}>{t('common.back')}</Link>
      </p>
      <p role="status" aria-live="polite">
        <span className="badge" data-testid="request-status" data-status={request.status}>
          {t(`status.${request.status}`)}
        </span>{' '}
        {t('rights.requestedAt')} {formatDate(request.requestedAt)} · {t('rights.dueAt')} {formatDate(request.dueAt)}
      </p>
      {request.durationMs !== null ? <p>{t('request.duration', { seconds: (request.durationMs / 1000).toFixed(1) })}</p> : null}
      <label htmlFor="holders-progress">{t('request.holders')}</label>{' '}
      <progress id="holders-progress" max={request.expectedServices.length} value={request.acknowledgements.length} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('request.holder')}</th>
            <th scope="col">{t('request.outcome')}</th>
            <th scope="col">{t('request.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {request.expectedServices.map((service) => {
            const ack = acknowledged.get(service);
            return (
              <tr key={service} data-testid={`holder-${service}`}>
                <th scope="row">{service}</th>
                <td>{ack ? `${ack.outcome} · ${formatDate(ack.executedAt)}` : t('request.waiting')}</td>
                <td>{ack ? ack.counts.map((c) => `${c.collection}: ${c.action} ${c.count}`).join(', ') || '—' : '…'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {request.subjectDigest ? <p className="digest">{t('request.digest', { digest: request.subjectDigest })}</p> : null}
    </Page>
  );
}
