import { useEffect, useState, type FormEvent } from 'react';
import { useLazyQuery, useMutation, useQuery, type ApolloError } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/page';
import {
  MY_RESPONDENT_DATA,
  RESPONDENT_ACCESS_ANSWER,
  RESPONDENT_PORTABILITY,
  RESPONDENT_REQUEST,
  RESPONDENT_REQUESTS,
  RESPONDENT_WITHDRAW_CONSENT,
  respondentContext,
  SELF_SERVICE_KINDS,
  type SelfServiceKind,
} from '../graphql/respondent';
import { useI18n } from '../i18n/i18n';

const ended = (error: ApolloError | undefined) => error?.graphQLErrors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') ?? false;

/** With a verified email: the customer's requests, a new one, the one they follow, their consents. */
export function RespondentDashboard({ token, email, onEnded }: { token: string; email: string; onEnded: () => void }) {
  const { t, formatDate } = useI18n();
  const context = respondentContext(token);
  const { data, error, refetch } = useQuery(MY_RESPONDENT_DATA, { context, fetchPolicy: 'network-only' });
  const [withdraw, withdrawing] = useMutation(RESPONDENT_WITHDRAW_CONSENT, { context });
  const [followed, setFollowed] = useState<string | null>(null);
  if (ended(error)) {
    return (
      <div role="alert" className="error">
        <p>{t('respondent.sessionEnded')}</p>
        <button type="button" onClick={onEnded}>
          {t('respondent.newCode')}
        </button>
      </div>
    );
  }
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  return (
    <>
      <section aria-labelledby="my-requests">
        <h2 id="my-requests">{t('privacy.myRequests')}</h2>
        {data.myRespondentRightsRequests.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('rights.kind')}</th>
                <th scope="col">{t('rights.status')}</th>
                <th scope="col">{t('rights.requestedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('rights.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.myRespondentRightsRequests.map((r) => (
                <tr key={r.id}>
                  <td>{t(`kind.${r.kind}`)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{formatDate(r.requestedAt)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setFollowed(r.id)}>
                      {t('rights.open')} <span className="visually-hidden">{t(`kind.${r.kind}`)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {followed ? <FollowedRequest token={token} id={followed} onChange={() => void refetch()} /> : null}
      <NewRequest token={token} email={email} onOpened={(id) => void refetch().then(() => setFollowed(id))} />
      <section aria-labelledby="my-consents">
        <h2 id="my-consents">{t('privacy.myConsents')}</h2>
        {data.myRespondentConsents.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul>
            {data.myRespondentConsents.map((c) => (
              <li key={c.id} data-testid={`consent-${c.purpose}`}>
                {t(`purpose.${c.purpose}`)}: {t(`consent.${c.status}`)} ({formatDate(c.withdrawnAt ?? c.grantedAt)}){' '}
                {c.status === 'GRANTED' ? (
                  <button type="button" disabled={withdrawing.loading} onClick={() => void withdraw({ variables: { id: c.id } }).then(() => refetch(), () => undefined)}>
                    {t('consents.withdraw')} <span className="visually-hidden">{t(`purpose.${c.purpose}`)}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <ErrorMessage error={withdrawing.error} />
      </section>
    </>
  );
}

function NewRequest({ token, email, onOpened }: { token: string; email: string; onOpened: (id: string) => void }) {
  const { t, language } = useI18n();
  const context = respondentContext(token);
  const [kind, setKind] = useState<SelfServiceKind>('ACCESS');
  const [name, setName] = useState('');
  const [statement, setStatement] = useState('');
  const [access] = useMutation(RESPONDENT_REQUESTS.ACCESS, { context });
  const [erasure] = useMutation(RESPONDENT_REQUESTS.ERASURE, { context });
  const [restriction] = useMutation(RESPONDENT_REQUESTS.RESTRICTION, { context });
  const [portability] = useMutation(RESPONDENT_REQUESTS.PORTABILITY, { context });
  const [objection] = useMutation(RESPONDENT_REQUESTS.OBJECTION, { context });
  const [rectification] = useMutation(RESPONDENT_REQUESTS.RECTIFICATION, { context });
  const [error, setError] = useState<ApolloError | undefined>();
  const [sending, setSending] = useState(false);
  // The verified address is where the company tells the person about the request (an extension, a refusal).
  const contact = { contactEmail: email, contactLocale: language === 'fr' ? ('FR' as const) : ('EN' as const) };
  const open = async (): Promise<string | undefined> => {
    switch (kind) {
      case 'ACCESS':
        return (await access({ variables: { input: contact } })).data?.requestAccess.id;
      case 'ERASURE':
        return (await erasure({ variables: { input: contact } })).data?.requestErasure.id;
      case 'RESTRICTION':
        return (await restriction({ variables: { input: contact } })).data?.requestRestriction.id;
      case 'PORTABILITY':
        return (await portability({ variables: { input: {} } })).data?.requestPortability.id;
      case 'OBJECTION':
        return (await objection({ variables: { input: { purposes: ['ANALYSIS', 'AI_PROCESSING'] } } })).data?.requestObjection.id;
      case 'RECTIFICATION':
        return (await rectification({ variables: { input: { ...contact, ...(name ? { name } : {}), ...(statement ? { statement } : {}) } } })).data?.requestRectification.id;
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const id = await open();
      if (id) onOpened(id);
    } catch (err) {
      setError(err as ApolloError);
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="new-request">
      <h2 id="new-request">{t('respondent.newRequest')}</h2>
      <div className="field">
        <label htmlFor="request-kind">{t('rights.kind')}</label>
        <select id="request-kind" value={kind} onChange={(e) => setKind(e.target.value as SelfServiceKind)}>
          {SELF_SERVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <p>{t(`respondent.explain.${kind}`)}</p>
      {kind === 'RECTIFICATION' ? (
        <>
          <Field label={t('respondent.correctName')} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <Field label={t('respondent.statement')} multiline maxLength={2000} value={statement} onChange={(e) => setStatement(e.target.value)} />
        </>
      ) : null}
      <ErrorMessage error={error} />
      <button type="submit" disabled={sending}>
        {t('respondent.send')}
      </button>
    </form>
  );
}

/** One request, holder by holder; once an access request is complete, its answer as a file to keep. */
function FollowedRequest({ token, id, onChange }: { token: string; id: string; onChange: () => void }) {
  const { t, formatDate } = useI18n();
  const context = respondentContext(token);
  const { data, error, startPolling, stopPolling } = useQuery(RESPONDENT_REQUEST, { variables: { id }, context, fetchPolicy: 'network-only' });
  const [readAnswer, answer] = useLazyQuery(RESPONDENT_ACCESS_ANSWER, { context, fetchPolicy: 'network-only' });
  const [readOutcome, outcome] = useLazyQuery(RESPONDENT_PORTABILITY, { context, fetchPolicy: 'network-only' });
  const request = data?.rightsRequest;
  const running = request ? request.status === 'IN_PROGRESS' || request.status === 'OVERDUE' : true;
  useEffect(() => {
    if (!running) {
      onChange();
      return;
    }
    startPolling(1000);
    return () => stopPolling();
    // onChange is a fresh closure each render; only the request's progress matters here.
  }, [running, startPolling, stopPolling]);
  useEffect(() => {
    if (request?.kind === 'PORTABILITY' && request.status === 'COMPLETED') void readOutcome({ variables: { id } });
  }, [request?.kind, request?.status, id, readOutcome]);
  if (!request) return error ? <ErrorMessage error={error} /> : <Loading />;
  const acknowledged = new Map(request.acknowledgements.map((a) => [a.service, a]));
  const download = async () => {
    const result = await readAnswer({ variables: { id } });
    if (!result.data) return;
    const blob = new Blob([JSON.stringify(result.data.accessAnswer, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `access-answer-${id}.json`;
    link.click();
    // Revoked later, not at once: the browser may still be reading the blob when click() returns.
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  };
  return (
    <section aria-labelledby="followed-request" className="card">
      <h2 id="followed-request">{t('request.title', { kind: t(`kind.${request.kind}`) })}</h2>
      <p role="status" aria-live="polite">
        <span className="badge" data-testid="request-status" data-status={request.status}>
          {t(`status.${request.status}`)}
        </span>{' '}
        {t('rights.requestedAt')} {formatDate(request.requestedAt)} · {t('rights.dueAt')} {formatDate(request.dueAt)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('request.holder')}</th>
            <th scope="col">{t('request.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {request.expectedServices.map((service) => {
            const ack = acknowledged.get(service);
            return (
              <tr key={service} data-testid={`holder-${service}`}>
                <th scope="row">{service}</th>
                <td>{ack ? `${ack.outcome} · ${formatDate(ack.executedAt)}` : t('request.waiting')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {request.kind === 'ACCESS' && request.status === 'COMPLETED' ? (
        <button type="button" disabled={answer.loading} onClick={() => void download()}>
          {t('respondent.downloadAnswer')}
        </button>
      ) : null}
      {outcome.data?.portabilityOutcome.downloadPath ? (
        <p>
          <a href={outcome.data.portabilityOutcome.downloadPath} download>
            {t('respondent.downloadArchive')}
          </a>
        </p>
      ) : null}
      <ErrorMessage error={answer.error ?? outcome.error} />
    </section>
  );
}
